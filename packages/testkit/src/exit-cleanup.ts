/**
 * Last-resort cleanup when a test process ends without calling `close()`/`stop()`:
 * a crashed suite, a timeout, Ctrl-C, `process.exit()`. Each helper registers a
 * synchronous function here (kill its child, remove its temp dir) and unregisters it on
 * a normal close. `signal-exit` runs them on normal exit and on fatal signals and then
 * re-raises the signal, which is hard to get right by hand.
 *
 * Children are additionally spawned with a parent-death signal (see `spawn-tied.ts`),
 * which covers the one case no handler can: the test process being SIGKILLed.
 */
import { onExit } from 'signal-exit';

type SyncCleanup = () => void;

const pending = new Set<SyncCleanup>();
let installed = false;

/** Last registered runs first, like `defer`: a process started in a temp dir dies before the dir goes. */
function runAll(): void {
  for (const fn of [...pending].reverse()) {
    pending.delete(fn);
    try {
      fn();
    } catch (_error) {
      // Best effort: one failed cleanup must not stop the others at exit.
    }
  }
}

/** Registers `fn` to run synchronously at process exit; returns a function that unregisters it. */
export function onProcessExit(fn: SyncCleanup): () => void {
  if (!installed) {
    installed = true;
    onExit(() => runAll(), { alwaysLast: true });
  }
  pending.add(fn);
  return () => {
    pending.delete(fn);
  };
}

/** How many exit cleanups are registered now (tests use it to prove a helper unregistered). */
export function pendingExitCleanups(): number {
  return pending.size;
}
