import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch (_error) {
    return false;
  }
}

/** The absolute path of an executable: `name` itself when absolute, else the first hit on PATH. */
export function which(name: string): string | null {
  if (isAbsolute(name)) return isExecutable(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The first candidate that is an executable, or null. */
export function firstExecutable(candidates: readonly (string | undefined)[]): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const found = which(candidate);
    if (found) return found;
  }
  return null;
}
