import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onProcessExit } from './exit-cleanup';

export interface TempDir {
  /** Absolute path of the fresh, empty directory. */
  path: string;
  /** Removes the directory and everything in it. Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * Creates a fresh directory under the OS temp dir (or `parent`), named
 * `onetrip-<prefix>-XXXXXX`. It is removed by `cleanup()`, or at process exit if the test
 * never got that far.
 */
export async function tempDir(prefix = 'tmp', options: { parent?: string } = {}): Promise<TempDir> {
  const safe = prefix.replace(/[^a-zA-Z0-9_-]/g, '-');
  const path = await mkdtemp(join(options.parent ?? tmpdir(), `onetrip-${safe}-`));
  // Retries: a process killed a moment ago may still be deleting its own files in there.
  const unregister = onProcessExit(() => rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));
  let done: Promise<void> | undefined;
  return {
    path,
    cleanup() {
      done ??= (async () => {
        await rm(path, { recursive: true, force: true, maxRetries: 3 });
        unregister();
      })();
      return done;
    },
  };
}
