// Electron runs JavaScript, and a sandboxed preload may require only `electron`: bundle the main
// process and the preload with esbuild into dist/electron/ (main.cjs, preload.cjs).
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kioskDir = fileURLToPath(new URL('..', import.meta.url));

/** Our workspaces are TypeScript and go into the bundle; every other package (native ones such as
 *  serialport, node-hid, resvg among them) stays in node_modules, where electron-builder ships it. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@onetrip/') ? undefined : { path: args.path, external: true }));
  },
};

export async function bundleElectron(): Promise<string> {
  const outdir = join(kioskDir, 'dist', 'electron');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir, outExtension: { '.js': '.cjs' }, logLevel: 'warning' };
  await build({ ...common, entryPoints: { main: join(kioskDir, 'electron-main', 'main.ts') }, plugins: [externalPackages] });
  // The sandboxed preload may require nothing but electron: everything else is inlined.
  await build({ ...common, entryPoints: { preload: join(kioskDir, 'preload', 'preload.ts') }, external: ['electron'] });
  return join(outdir, 'main.cjs');
}
