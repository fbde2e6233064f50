// Child processes the benchmark starts (our sync server, pouchdb-server): started with a
// bounded wait until they answer, measured through /proc, and always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { onProcessExit } from '@onetrip/testkit';

export interface Service {
  name: string;
  pid: number;
  url: string;
  /** Resident set size of the process in bytes (VmRSS from /proc/<pid>/status). */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  url: string;
  readyUrl: string;
  readyTimeoutMs?: number;
}

/** Parses VmRSS out of /proc/<pid>/status text; the kernel reports it in kB. */
export function parseVmRss(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('no VmRSS line in /proc status');
  return Number(match[1]) * 1024;
}

export async function readRss(pid: number): Promise<number> {
  return parseVmRss(await readFile(`/proc/${pid}/status`, 'utf8'));
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const add = (chunk: Buffer): void => { tail = (tail + chunk.toString('utf8')).slice(-4000); };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => tail;
}

async function waitReady(spec: ServiceSpec, child: ChildProcess, tail: () => string): Promise<void> {
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail()}`);
    }
    try {
      const res = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await delay(100);
  }
  throw new Error(`${spec.name} did not answer ${spec.readyUrl} in time:\n${tail()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = delay(10_000).then(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  await Promise.race([exited, forced]);
  await exited;
}

export async function startService(spec: ServiceSpec): Promise<Service> {
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = keepTail(child);
  if (child.pid === undefined) throw new Error(`${spec.name} could not be started`);
  // Last resort if the benchmark dies without stopping it (a crash, Ctrl-C): no orphan server.
  const unregister = onProcessExit(() => { child.kill('SIGKILL'); });
  child.once('exit', () => unregister());
  try {
    await waitReady(spec, child, tail);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  const pid = child.pid;
  return { name: spec.name, pid, url: spec.url, rssBytes: () => readRss(pid), stop: () => stopChild(child) };
}
