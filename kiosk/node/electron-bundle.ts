// Electron runs JavaScript, and a sandboxed preload may require only `electron`: bundle the main
// process and the preload with esbuild into dist/electron/ (main.cjs, preload.cjs).
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kioskDir = fileURLToPath(new URL('..', import.meta.url));

export async function bundleElectron(): Promise<string> {
  const outdir = join(kioskDir, 'dist', 'electron');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', 'serialport', 'node-hid', '@serialport/*'], logLevel: 'warning' };
  await build({ ...common, entryPoints: { main: join(kioskDir, 'electron-main', 'main.ts') }, outdir, outExtension: { '.js': '.cjs' } });
  await build({ ...common, entryPoints: { preload: join(kioskDir, 'preload', 'preload.ts') }, outdir, outExtension: { '.js': '.cjs' }, external: ['electron'] });
  return join(outdir, 'main.cjs');
}
