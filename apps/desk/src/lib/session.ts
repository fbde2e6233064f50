// Sign-in rules of a desk, pure and clock-injected: lockout after repeated failed offline
// sign-ins, and a session that ends after a period without activity. The state is plain data
// so the caller keeps it wherever it likes (localStorage in the app, a variable in tests).

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const IDLE_MS = 15 * 60_000;

export interface LockoutState {
  failures: number;
  /** Epoch ms until which sign-in is refused; null when not locked. */
  lockedUntil: number | null;
}

export const initialLockout: LockoutState = { failures: 0, lockedUntil: null };

export interface LockoutPolicy { maxFailures: number; lockMs: number }
const defaultPolicy: LockoutPolicy = { maxFailures: MAX_FAILURES, lockMs: LOCK_MS };

/** Whether a sign-in may be tried now; when locked, how long is left. */
export function checkLockout(state: LockoutState, now: number): { allowed: true } | { allowed: false; retryInMs: number } {
  if (state.lockedUntil !== null && now < state.lockedUntil) return { allowed: false, retryInMs: state.lockedUntil - now };
  return { allowed: true };
}

/** The state after a failed attempt: the `maxFailures`-th failure in a row locks for `lockMs`. */
export function recordFailure(state: LockoutState, now: number, policy: LockoutPolicy = defaultPolicy): LockoutState {
  const expired = state.lockedUntil !== null && now >= state.lockedUntil;
  const failures = (expired ? 0 : state.failures) + 1;
  if (failures >= policy.maxFailures) return { failures: 0, lockedUntil: now + policy.lockMs };
  return { failures, lockedUntil: null };
}

/** A successful sign-in clears the count. */
export function recordSuccess(): LockoutState {
  return { ...initialLockout };
}

export interface SessionClock { startedAt: number; lastActivityAt: number }

export function startSession(now: number): SessionClock {
  return { startedAt: now, lastActivityAt: now };
}

export function touchSession(session: SessionClock, now: number): SessionClock {
  return now > session.lastActivityAt ? { ...session, lastActivityAt: now } : session;
}

/** Whether the session has ended by idling; `idleMs` after the last activity. */
export function isSessionExpired(session: SessionClock, now: number, idleMs: number = IDLE_MS): boolean {
  return now - session.lastActivityAt >= idleMs;
}

/** Milliseconds until the session ends by idling (0 when it already has). */
export function sessionRemainingMs(session: SessionClock, now: number, idleMs: number = IDLE_MS): number {
  return Math.max(0, session.lastActivityAt + idleMs - now);
}
