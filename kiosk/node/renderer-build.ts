// Build the renderer with Vite when its output is missing or older than its sources, so
// `npm start` on a fresh clone serves a real build without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kioskDir = fileURLToPath(new URL('..', import.meta.url));
export const rendererDist = join(kioskDir, 'dist', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const built = join(rendererDist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = [join(kioskDir, 'renderer'), join(kioskDir, 'common'), join(kioskDir, '..', 'packages', 'domain', 'src')];
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
}

export async function buildRenderer(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  if (!opts.force && !rendererIsStale()) return rendererDist;
  opts.log?.('building the kiosk renderer (vite) … / 正在构建自助终端界面 …');
  const { build } = await import('vite');
  await build({ configFile: join(kioskDir, 'vite.config.ts'), logLevel: 'warn' });
  return rendererDist;
}
