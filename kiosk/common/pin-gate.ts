// The maintenance PIN check with a lockout: five wrong tries lock the staff screen for a while,
// so a passer-by cannot guess a 4–12 digit PIN on the touch screen. The clock is injected.
// It runs in the host (Electron main, or the web-mode server), never in the renderer: the PIN
// never reaches the page; the page sends what was typed and gets the answer below.
export const MAX_TRIES = 5;
export const LOCK_MS = 5 * 60_000;

export type PinResult =
  | { ok: true }
  | { ok: false; code: 'PIN_WRONG'; triesLeft: number; message: { zh: string; en: string } }
  | { ok: false; code: 'PIN_LOCKED'; retryInMs: number; message: { zh: string; en: string } }
  | { ok: false; code: 'PIN_NOT_SET'; message: { zh: string; en: string } };

export interface PinGate { check(pin: string): PinResult }

/** Compares every character so the time taken does not tell how much of the PIN was right. */
function same(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export function createPinGate(opts: { pin: string | null; now: () => number; maxTries?: number; lockMs?: number }): PinGate {
  const maxTries = opts.maxTries ?? MAX_TRIES;
  const lockMs = opts.lockMs ?? LOCK_MS;
  let wrong = 0;
  let lockedUntil = 0;
  return {
    check(pin) {
      if (!opts.pin) return { ok: false, code: 'PIN_NOT_SET', message: { zh: '本机未设置维护密码，请由管理员配置', en: 'No maintenance PIN is set on this kiosk; ask an administrator' } };
      const now = opts.now();
      if (now < lockedUntil) {
        const minutes = Math.ceil((lockedUntil - now) / 60_000);
        return { ok: false, code: 'PIN_LOCKED', retryInMs: lockedUntil - now, message: { zh: `密码错误次数过多，请 ${minutes} 分钟后再试`, en: `Too many wrong PINs; try again in ${minutes} min` } };
      }
      if (same(pin, opts.pin)) { wrong = 0; return { ok: true }; }
      wrong += 1;
      if (wrong >= maxTries) {
        wrong = 0;
        lockedUntil = now + lockMs;
        const minutes = Math.ceil(lockMs / 60_000);
        return { ok: false, code: 'PIN_LOCKED', retryInMs: lockMs, message: { zh: `密码错误次数过多，请 ${minutes} 分钟后再试`, en: `Too many wrong PINs; try again in ${minutes} min` } };
      }
      const triesLeft = maxTries - wrong;
      return { ok: false, code: 'PIN_WRONG', triesLeft, message: { zh: `密码错误，还可以试 ${triesLeft} 次`, en: `Wrong PIN; ${triesLeft} tries left` } };
    },
  };
}

/** What the host accepts as a PIN attempt: a string of at most 12 characters (digits or not, it is compared). */
export function isPinAttempt(pin: unknown): pin is string {
  return typeof pin === 'string' && pin.length <= 12;
}
