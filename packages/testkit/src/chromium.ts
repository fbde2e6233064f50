/**
 * Real Chromium through playwright-core, with a fresh profile per launch. Playwright's
 * own browser download is never used: it drives the system Chromium (Debian's
 * /usr/bin/chromium, or CHROMIUM_PATH).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { TestkitError } from './errors';
import { onProcessExit } from './exit-cleanup';
import { tempDir } from './temp-dir';
import { firstExecutable } from './which';

type ContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export interface ChromiumOptions {
  /** Extra command-line switches, after the defaults. */
  args?: string[];
  /** A fake camera and microphone that getUserMedia grants without a prompt. */
  fakeCamera?: boolean;
  /** Default true. Headed needs a display (run under `xvfb-run` on a server). */
  headless?: boolean;
  /** Anything else Playwright's persistent context accepts (viewport, locale, timezoneId …). */
  contextOptions?: Omit<ContextOptions, 'args' | 'headless' | 'executablePath'>;
}

export interface ChromiumSession {
  context: BrowserContext;
  /** The fresh profile directory; removed by `close()`. */
  userDataDir: string;
  /** Closes the browser and removes the profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Switches that keep a test browser quiet, local and deterministic. */
export const DEFAULT_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
  '--password-store=basic',
];

export const FAKE_CAMERA_ARGS: readonly string[] = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** The Chromium executable: CHROMIUM_PATH, else the usual system names. */
export function chromiumPath(): string | null {
  return firstExecutable([process.env.CHROMIUM_PATH, '/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome-stable']);
}

/** Why Chromium cannot be launched here (a reason to print when skipping), or null when it can. */
export function chromiumAvailable(): string | null {
  if (process.env.CHROMIUM_PATH && !firstExecutable([process.env.CHROMIUM_PATH])) {
    return `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`;
  }
  return chromiumPath() ? null : 'Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)';
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new TestkitError('TESTKIT_CHROMIUM_MISSING', {
      zh: '找不到 Chromium，请安装（apt-get install chromium）或设置 CHROMIUM_PATH',
      en: 'Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH',
    });
  }
  const profile = await tempDir('chromium');
  const args = [...DEFAULT_CHROMIUM_ARGS, ...(options.fakeCamera ? FAKE_CAMERA_ARGS : []), ...(options.args ?? [])];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile.path, {
      // Playwright's own SIGTERM handler closes the browser but keeps the process alive;
      // ours (exit-cleanup.ts) kills the browser, removes the profile and lets the signal end
      // the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      ...options.contextOptions,
      executablePath,
      headless: options.headless ?? true,
      args,
    });
  } catch (error) {
    await profile.cleanup();
    throw new TestkitError(
      'TESTKIT_CHROMIUM_LAUNCH_FAILED',
      { zh: `Chromium 启动失败：${String(error)}`, en: `Chromium failed to launch: ${String(error)}` },
      { cause: error },
    );
  }
  const unregister = onProcessExit(() => killBrowsersUsing(profile.path));
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= context.close().finally(() => {
      unregister();
      return profile.cleanup();
    });
    return closed;
  };
  return { context, userDataDir: profile.path, close };
}

/**
 * At process exit, before the profile is removed: SIGKILL every process whose command line
 * names this profile (Playwright does not tell us the browser's pid), then wait up to 2 s
 * for them to be gone, so none writes into the profile while it is being deleted. Linux only,
 * via /proc; elsewhere the browser still exits when its DevTools pipe closes.
 */
function killBrowsersUsing(userDataDir: string): void {
  if (process.platform !== 'linux') return;
  const pids = livePidsMentioning(userDataDir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (_error) {
      // already gone
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 2_000;
  // Synchronous on purpose: this runs inside the process's exit, where nothing async runs.
  while (livePidsMentioning(userDataDir).length > 0 && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
}

/** Pids of processes (zombies excepted) whose command line mentions `text`. */
function livePidsMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/\) Z /.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch (_error) {
      // gone already, or not ours to read
    }
  }
  return pids;
}
