import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { chromiumAvailable } from './chromium';
import { postgresAvailable } from './postgres';
import { socatAvailable } from './pty-pair';
import { waitFor } from './wait-for';

const fixture = fileURLToPath(new URL('./fixtures/hold-resource.ts', import.meta.url));
const notLinux = process.platform === 'linux' ? null : 'these checks read /proc (Linux only)';
const ptyMissing = socatAvailable() ?? notLinux;
const pgMissing = postgresAvailable() ?? notLinux;
if (ptyMissing) console.warn(`exit-cleanup pty tests skipped: ${ptyMissing}`);
const chromiumMissing = chromiumAvailable() ?? notLinux;
if (pgMissing) console.warn(`exit-cleanup postgres tests skipped: ${pgMissing}`);
if (chromiumMissing) console.warn(`exit-cleanup chromium tests skipped: ${chromiumMissing}`);

// Cases run one after another: on 2 cores, parallel child processes only slow each other.

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

/** Runs the fixture, lets it end the given way, and returns the temp dir it used. */
async function runFixture(kind: 'pty' | 'pg' | 'chromium', how: Ending): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, kind], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before printing its temp dir`)));
  });
  const { dir } = JSON.parse(first) as { dir: string };
  if (processesUsing(dir).length === 0) throw new Error(`fixture ${kind} started nothing that uses ${dir}`);
  if (how === 'exit' || how === 'throw') child.stdin.write(`${how}\n`);
  else child.kill(how);
  await exited;
  return dir;
}

const endings = ['exit', 'throw', 'SIGTERM', 'SIGINT'] as const;

describe.skipIf(ptyMissing !== null)('a test process that ends without closing its pty pair', () => {
  it.for(endings)('after %s: socat is gone and the temp dir removed', async (how, { expect }) => {
    const dir = await runFixture('pty', how);
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 5_000, description: 'socat gone' });
    expect(existsSync(dir)).toBe(false);
  });

  it('after SIGKILL (no JavaScript runs): the kernel still kills socat (parent-death signal)', async ({ expect }) => {
    const dir = await runFixture('pty', 'SIGKILL');
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 5_000, description: 'socat gone' });
    expect(processesUsing(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true }); // nothing in the dead process could remove it
  });
});

describe.skipIf(pgMissing !== null)('a test process that ends without stopping its PostgreSQL', () => {
  it.for(['exit'] as const)('after %s: every postgres process is gone and the data dir removed', async (how, { expect }) => {
    const dir = await runFixture('pg', how);
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 10_000, description: 'postgres gone' });
    expect(existsSync(dir)).toBe(false);
  });

  it('after SIGKILL: the postmaster gets the parent-death signal and its backends follow', async ({ expect }) => {
    const dir = await runFixture('pg', 'SIGKILL');
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 10_000, description: 'postgres gone' });
    expect(processesUsing(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(chromiumMissing !== null)('a test process that ends without closing its Chromium', () => {
  it('after exit: the browser is gone and the profile removed', async ({ expect }) => {
    const dir = await runFixture('chromium', 'exit');
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 10_000, description: 'chromium gone' });
    expect(existsSync(dir)).toBe(false);
  });

  it('after SIGKILL: the browser exits when its DevTools pipe closes', async ({ expect }) => {
    const dir = await runFixture('chromium', 'SIGKILL');
    await waitFor(() => processesUsing(dir).length === 0, { timeoutMs: 10_000, description: 'chromium gone' });
    expect(processesUsing(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
