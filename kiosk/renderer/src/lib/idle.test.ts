import { describe, expect, it } from 'vitest';
import { createIdleWatch, type Timers } from './idle';

/** A manual clock: timers fire only when the test advances time. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => { const id = ++seq; pending.set(id, { at: now + ms, fn }); return id; },
    clearTimeout: (h) => { pending.delete(h as number); },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      pending.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { timers, advance };
}

describe('idle watch', () => {
  it('warns, then wipes, when nobody touches the screen', () => {
    const { timers, advance } = manualTimers();
    const events: string[] = [];
    createIdleWatch({ warnAfterMs: 60_000, wipeAfterMs: 90_000, timers, onWarn: (ms) => events.push(`warn ${ms}`), onWipe: () => events.push('wipe') });
    advance(59_999);
    expect(events).toEqual([]);
    advance(1);
    expect(events).toEqual(['warn 30000']);
    advance(30_000);
    expect(events).toEqual(['warn 30000', 'wipe']);
  });

  it('starts counting again on activity, and stops for good on stop()', () => {
    const { timers, advance } = manualTimers();
    const events: string[] = [];
    const watch = createIdleWatch({ warnAfterMs: 10, wipeAfterMs: 20, timers, onWarn: () => events.push('warn'), onWipe: () => events.push('wipe') });
    advance(15);
    watch.activity();
    advance(19);
    expect(events).toEqual(['warn', 'warn']);
    watch.stop();
    advance(1000);
    expect(events).toEqual(['warn', 'warn']);
  });

  it('refuses a warning that comes after the wipe', () => {
    const { timers } = manualTimers();
    expect(() => createIdleWatch({ warnAfterMs: 20, wipeAfterMs: 20, timers, onWarn: () => {}, onWipe: () => {} })).toThrow(RangeError);
  });
});
