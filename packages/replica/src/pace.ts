// Keeping the page responsive while the replica catches up: work that RxDB starts for a whole
// batch at once (sealing 200 documents, folding their cases) is let through a few items at a
// time, and the browser gets the main thread back in between (no task much over 50 ms).

/** Lets the browser run input and rendering before going on (scheduler.yield where it exists). */
export function yieldToMainThread(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface Pacer {
  /** Runs `fn` after the ones before it; every `perSlice` calls of one burst the main thread is given back once. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * `perSlice` calls start in one task, the next ones after a yield. A burst ends when no call
 * came for `burstGapMs`, so single writes (a clerk's command) never wait.
 */
export function createPacer(perSlice: number, now: () => number = () => performance.now(), burstGapMs = 50): Pacer {
  let ticket: Promise<void> = Promise.resolve();
  let inSlice = 0;
  let lastCall = -Infinity;
  return {
    run(fn) {
      const at = now();
      if (at - lastCall > burstGapMs) inSlice = 0;
      lastCall = at;
      if (++inSlice > perSlice) {
        inSlice = 1;
        ticket = ticket.then(yieldToMainThread);
      }
      return ticket.then(fn);
    },
  };
}
