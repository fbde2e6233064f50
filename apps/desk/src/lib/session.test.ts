import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLockout, IDLE_MS, initialLockout, isSessionExpired, LOCK_MS, MAX_FAILURES, recordFailure, recordSuccess, sessionRemainingMs, startSession, touchSession } from './session';

describe('lockout', () => {
  it('locks on the fifth failure in a row for 15 minutes, then allows again', () => {
    let state = initialLockout;
    const t0 = 1_000_000;
    for (let i = 1; i < MAX_FAILURES; i++) {
      state = recordFailure(state, t0 + i);
      expect(checkLockout(state, t0 + i)).toEqual({ allowed: true });
    }
    state = recordFailure(state, t0 + 10);
    expect(checkLockout(state, t0 + 10)).toEqual({ allowed: false, retryInMs: LOCK_MS });
    expect(checkLockout(state, t0 + 10 + LOCK_MS - 1)).toEqual({ allowed: false, retryInMs: 1 });
    expect(checkLockout(state, t0 + 10 + LOCK_MS)).toEqual({ allowed: true });
  });

  it('starts counting afresh after a lock expires and after a success', () => {
    let state = initialLockout;
    for (let i = 0; i < MAX_FAILURES; i++) state = recordFailure(state, 0);
    state = recordFailure(state, LOCK_MS + 1);
    expect(state).toEqual({ failures: 1, lockedUntil: null });
    state = recordFailure(recordSuccess(), 5);
    expect(state.failures).toBe(1);
  });

  it('never allows a sign-in inside a lock window, whatever the sequence of failures', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 30 }), (gaps) => {
      let state = initialLockout;
      let now = 0;
      for (const gap of gaps) {
        now += gap;
        if (!checkLockout(state, now).allowed) continue;
        state = recordFailure(state, now);
        if (state.lockedUntil !== null) expect(checkLockout(state, now + LOCK_MS - 1).allowed).toBe(false);
      }
    }));
  });
});

describe('idle session', () => {
  it('ends 15 minutes after the last activity, and activity extends it', () => {
    let s = startSession(0);
    expect(isSessionExpired(s, IDLE_MS - 1)).toBe(false);
    s = touchSession(s, 10 * 60_000);
    expect(isSessionExpired(s, IDLE_MS + 1)).toBe(false);
    expect(sessionRemainingMs(s, IDLE_MS)).toBe(10 * 60_000);
    expect(isSessionExpired(s, 10 * 60_000 + IDLE_MS)).toBe(true);
    expect(touchSession(s, 5)).toBe(s);
  });
});
