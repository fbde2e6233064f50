// Start one of the repo's services as a real child process for end-to-end tests:
// `node --import tsx <entry>` from the repository root, with extra environment, and wait until
// it is ready (a URL that answers 2xx, or a line in its output). Killed with the test process.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onProcessExit } from './exit-cleanup';
import { waitFor } from './wait-for';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

export interface Service { child: ChildProcess; output(): string; stop(): Promise<void> }

/** Start `node --import tsx <entry>` (relative to the repo root) and wait until `ready` answers (a URL) or shows in its output. */
export async function startService(name: string, entry: string, env: Record<string, string>, ready: string | RegExp, timeoutMs = 180_000): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, entry)], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => { out = (out + String(d)).slice(-100_000); });
  child.stderr?.on('data', (d) => { out = (out + String(d)).slice(-100_000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
  };
  const unregister = onProcessExit(() => { child.kill('SIGKILL'); });
  child.once('exit', () => unregister());
  // waitFor retries on a throw, so an early exit ends the wait as "done" and is reported after it
  let died = false;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return (died = true);
      if (typeof ready !== 'string') return ready.test(out);
      return fetch(ready).then((r) => r.ok, () => false);
    }, { timeoutMs, intervalMs: 200, description: `${name} ready` });
  } catch (error) {
    await stop();
    throw error;
  }
  if (died) throw new Error(`${name} exited early:\n${out}`);
  return { child, output: () => out, stop };
}
