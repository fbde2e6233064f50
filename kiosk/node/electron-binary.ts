// Is there an Electron binary to run the kiosk in? The `electron` package finds it through
// path.txt (written by its install script, which npm 11 blocks here) or ELECTRON_OVERRIDE_DIST_PATH.
// Without one the kiosk runs in web mode; this says why, so the reason can be printed.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(): ElectronBinary {
  let path: unknown;
  try {
    path = createRequire(import.meta.url)('electron');
  } catch (err) {
    return { ok: false, reason: `the electron package has no binary (${(err as Error).message.split('\n')[0]})` };
  }
  if (typeof path !== 'string') return { ok: false, reason: 'the electron package did not name a binary' };
  if (!existsSync(path)) return { ok: false, reason: `the Electron binary ${path} does not exist` };
  return { ok: true, path };
}
