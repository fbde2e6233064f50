// Time, injected: drivers and simulators take a Clock so that timeouts, retries and pacing
// are tested by moving a fake clock, never by sleeping.

export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A promise that resolves after `ms` on `clock`, or early (to false) when `signal` aborts. */
export function delay(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A manual clock for tests: time moves only when the test says so. `runUntil` lets pending
 * promise chains settle, then fires the next timer, until a condition holds.
 */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Fires the earliest timer; false when none is pending. */
  fireNext(): boolean {
    let first: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of this.timers) if (!first || entry[1].at < first[1].at) first = entry;
    if (!first) return false;
    this.timers.delete(first[0]);
    this.time = Math.max(this.time, first[1].at);
    first[1].fn();
    return true;
  }

  /** Settles promises and fires timers until `done()` holds; throws after `maxSteps` timers. */
  async runUntil(done: () => boolean, maxSteps = 10_000): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      await settle();
      if (done()) return;
      if (!this.fireNext()) {
        await settle();
        if (done()) return;
        throw new Error(`FakeClock: no timer left at ${this.time} ms and the condition does not hold`);
      }
    }
    throw new Error(`FakeClock: condition still false after ${maxSteps} timers (${this.time} ms)`);
  }
}

/** Lets every queued promise continuation run (a turn of the event loop, not a sleep). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
