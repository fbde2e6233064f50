// Timers and randomness are injected (STYLE.md): tests drive reconnects and back-off
// without sleeping, production passes the real ones.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** Exponential back-off with jitter in [50 %, 100 %] of the step, capped at maxMs. */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(step * (0.5 + random() / 2));
}
