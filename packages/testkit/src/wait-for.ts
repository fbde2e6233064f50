import { TestkitError } from './errors';

export interface WaitForOptions {
  /** Give up after this long. Default 10 000 ms. */
  timeoutMs?: number;
  /** Time between two checks. Default 20 ms. */
  intervalMs?: number;
  /** What is being waited for, for the timeout message ("socat ready", "row visible"). */
  description?: string;
  /** Stops waiting early; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Polls `predicate` until it returns a truthy value and resolves with that value; the one
 * sanctioned way for a test to wait. A predicate that throws counts as "not yet"; the last
 * error is attached to the timeout error as its cause.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 20, description = 'condition', signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new TestkitError(
        'TESTKIT_WAIT_TIMEOUT',
        { zh: `等待超时（${timeoutMs} 毫秒）：${description}`, en: `timed out after ${timeoutMs} ms waiting for: ${description}` },
        { cause: lastError },
      );
    }
    await pause(Math.min(intervalMs, left), signal);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
