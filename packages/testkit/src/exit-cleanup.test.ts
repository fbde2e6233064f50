import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { socatAvailable } from './pty-pair';
import { waitFor } from './wait-for';

const missing = socatAvailable();
if (missing) console.warn(`exit-cleanup tests skipped: ${missing}`);
const fixture = fileURLToPath(new URL('./fixtures/hold-pty-pair.ts', import.meta.url));

/** Pids of live processes whose command line mentions `needle` (from /proc). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/\) Z /.test(status)) continue; // a zombie is already dead
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch (_error) {
      // the process ended while we looked
    }
  }
  return pids;
}

async function runFixture(how: 'exit' | 'throw' | NodeJS.Signals): Promise<{ a: string; b: string }> {
  const mode = how === 'exit' || how === 'throw' ? how : 'wait';
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before printing its pty pair`)));
  });
  const paths = JSON.parse(first) as { a: string; b: string };
  expect(processesMentioning(dirname(paths.a)).length).toBe(1);
  if (mode === 'wait') child.kill(how as NodeJS.Signals);
  await exited;
  return paths;
}

describe.skipIf(missing !== null || process.platform !== 'linux')('cleanup when a test process ends without closing', () => {
  it.each(['exit', 'throw', 'SIGTERM', 'SIGINT'] as const)('after %s: socat is gone and the links are removed', async (how) => {
    const { a, b } = await runFixture(how);
    const dir = dirname(a);
    await waitFor(() => processesMentioning(dir).length === 0, { timeoutMs: 5_000, description: 'socat gone' });
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('after SIGKILL (no JavaScript runs): the kernel still kills socat (parent-death signal)', async () => {
    const { a } = await runFixture('SIGKILL');
    const dir = dirname(a);
    await waitFor(() => processesMentioning(dir).length === 0, { timeoutMs: 5_000, description: 'socat gone' });
    expect(processesMentioning(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true }); // nothing in the dead process could remove it
  });
});
