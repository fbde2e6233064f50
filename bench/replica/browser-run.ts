// Runs one side's page in a fresh Chromium: bundles the page with esbuild, serves it from a page
// host on 127.0.0.1 that proxies /api/* to the side's server (same origin, no CORS on either
// side), calls `benchPage.run(config)` and closes everything again.
import { join } from 'node:path';
import { artifactsDir, launchChromium } from '@onetrip/testkit';
import { bundle, startPageServer } from '../../packages/replica/src/node/page-server';
import type { SyncResult } from './result';
import { startProfile } from './profile';

export interface BrowserRunOptions {
  label: string;
  /** The page's entry file (bench/replica/pages/*-page.ts). */
  entry: string;
  /** The port of the server the page's /api/* requests go to. */
  apiPort: number;
  config: unknown;
  /** Take a CPU profile of the sync and log the top self-time functions (slows the page). */
  profile?: boolean;
  log: (line: string) => void;
}

type BenchPage = { run(config: unknown): Promise<SyncResult>; longTasksSupported: boolean };
declare const benchPage: BenchPage;

export async function runInChromium(opts: BrowserRunOptions): Promise<SyncResult> {
  const script = await bundle(opts.entry);
  const host = await startPageServer(script, opts.apiPort);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(host.url);
    await page.waitForFunction(() => (globalThis as { benchPage?: unknown }).benchPage !== undefined, undefined, { timeout: 60_000 }).catch((e: unknown) => {
      throw new Error(`${opts.label}: the page did not load: ${errors.join('; ') || String(e)}`);
    });
    if (!(await page.evaluate(() => benchPage.longTasksSupported))) throw new Error(`${opts.label}: this Chromium reports no 'longtask' entries`);
    opts.log(`${opts.label}: syncing in Chromium`);
    const profileFile = join(artifactsDir('bench'), `replica-${opts.label.split(' ')[0] ?? 'side'}.cpuprofile`);
    const stopProfile = opts.profile ? await startProfile(page, profileFile) : undefined;
    const result = await page.evaluate((config) => benchPage.run(config), opts.config);
    if (stopProfile) {
      for (const f of await stopProfile()) opts.log(`${opts.label}: profile self ${Math.round(f.ms)} ms  ${f.name}`);
      opts.log(`${opts.label}: the whole profile is in ${profileFile}`);
    }
    return result;
  } finally {
    await browser.close();
    await host.close();
  }
}
