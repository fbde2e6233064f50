import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium';
import { postgresAvailable } from './postgres';
import { socatAvailable } from './pty-pair';
import { waitFor } from './wait-for';

// A child test process starts real parts, then ends without closing them: by exit, by a
// throw, by a signal, or by SIGKILL (no JavaScript runs). Afterwards no process may still
// use their temp dirs, and (except after SIGKILL) the dirs must be gone. One child holds
// every available part at once, so each way of ending costs one process start.

const fixture = fileURLToPath(new URL('./fixtures/hold-resource.ts', import.meta.url));
const notLinux = process.platform === 'linux' ? null : 'these checks read /proc (Linux only)';
const parts = { pty: socatAvailable(), pg: postgresAvailable(), chromium: chromiumAvailable() };
for (const [part, reason] of Object.entries(parts)) if (reason) console.warn(`exit-cleanup: ${part} not checked: ${reason}`);
const available = Object.entries(parts).filter(([, reason]) => reason === null).map(([part]) => part);
if (notLinux) console.warn(`exit-cleanup tests skipped: ${notLinux}`);

/** Live processes whose command line mentions `dir` or whose working directory is inside it. */
function processesUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/\) Z /.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue; // a zombie is already dead
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(dir) || readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) pids.push(Number(entry));
    } catch (_error) {
      // the process ended while we looked
    }
  }
  return pids;
}

type Ending = 'exit' | 'throw' | 'SIGTERM' | 'SIGINT' | 'SIGKILL';

/** Runs the fixture with `kinds`, lets it end the given way, and returns the temp dirs it used. */
async function runFixture(kinds: string[], how: Ending): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, kinds.join(',')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before printing its temp dirs`)));
  });
  const { dirs } = JSON.parse(first) as { dirs: string[] };
  for (const dir of dirs) expect(processesUsing(dir).length, `something runs in ${dir}`).toBeGreaterThan(0);
  if (how === 'exit' || how === 'throw') child.stdin.write(`${how}\n`);
  else child.kill(how);
  await exited;
  return dirs;
}

async function expectNothingLeft(dirs: string[]): Promise<void> {
  await waitFor(() => dirs.every((dir) => processesUsing(dir).length === 0), { timeoutMs: 15_000, description: 'every process gone' });
}

// Starting every part in a child takes a while on 2 busy cores: allow more than the default.
const SLOW = { timeout: 180_000 };

describe.skipIf(notLinux !== null || available.length === 0)(`a test process that ends without cleaning up (${available.join(', ')})`, SLOW, () => {
  it.each(['exit', 'SIGTERM'] as const)('after %s: every process is gone and every temp dir removed', async (how) => {
    const dirs = await runFixture(available, how);
    await expectNothingLeft(dirs);
    expect(dirs.filter((dir) => existsSync(dir))).toEqual([]);
  });

  it('after SIGKILL: socat and the postmaster get the parent-death signal, Chromium sees its pipe close', async () => {
    const dirs = await runFixture(available, 'SIGKILL');
    await expectNothingLeft(dirs);
    expect(dirs.flatMap(processesUsing)).toEqual([]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); // nothing in the dead process could remove them
  });
});

describe.skipIf(notLinux !== null || parts.pty !== null)('other endings (checked with a pty pair, the cheapest part)', SLOW, () => {
  it.each(['throw', 'SIGINT'] as const)('after %s: socat is gone and the temp dir removed', async (how) => {
    const dirs = await runFixture(['pty'], how);
    await expectNothingLeft(dirs);
    expect(dirs.filter((dir) => existsSync(dir))).toEqual([]);
  });
});
