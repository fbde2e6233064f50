import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A directory for files a test leaves for people to look at (screenshots, traces, logs):
 * `<repo>/artifacts/<segments…>`, or under ONETRIP_ARTIFACTS_DIR when set. Created if
 * missing; git ignores `artifacts/` and CI uploads it.
 */
export function artifactsDir(...segments: string[]): string {
  const root = process.env.ONETRIP_ARTIFACTS_DIR ?? fileURLToPath(new URL('../../../artifacts/', import.meta.url));
  const dir = join(root, ...segments);
  mkdirSync(dir, { recursive: true });
  return dir;
}
