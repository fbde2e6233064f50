// Build the workbench with Vite when its output is missing or older than its sources, so
// `npm start` on a fresh clone serves a real build without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const deskDir = fileURLToPath(new URL('../../apps/desk/', import.meta.url));
export const deskDist = join(deskDir, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  const built = join(deskDist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = [join(deskDir, 'src'), join(deskDir, '..', '..', 'packages', 'domain', 'src'), join(deskDir, '..', '..', 'packages', 'replica', 'src')];
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
}

/**
 * Builds into `dist` when stale (concurrent callers in one process share the build), or always
 * into `outDir` when given: tests build into their own directory, so parallel test files never
 * write one `dist` at the same time.
 */
let building: Promise<string> | null = null;
export function buildDesk(opts: { force?: boolean; outDir?: string; log?: (line: string) => void } = {}): Promise<string> {
  if (opts.outDir) return viteBuild(opts.outDir, opts.log);
  if (!opts.force && !buildIsStale()) return Promise.resolve(deskDist);
  building ??= viteBuild(deskDist, opts.log).finally(() => { building = null; });
  return building;
}

async function viteBuild(outDir: string, log?: (line: string) => void): Promise<string> {
  log?.('building the desk (vite) … / 正在构建工作台 …');
  const { build } = await import('vite');
  // Production React even when started under a test runner (NODE_ENV=test): the JSX transform
  // and React both follow NODE_ENV, so it is set for the build and put back afterwards.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(deskDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  return outDir;
}
