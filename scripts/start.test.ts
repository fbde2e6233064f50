// The orchestrator behind `npm start`, run for real against a scratch repository whose one
// workspace declares a tiny HTTP service: it waits for readiness, prefixes log lines, prints the
// addresses, and stops the whole process group on SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const startScript = fileURLToPath(new URL('./start.mjs', import.meta.url));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function scratchRepo(services: object[], serverCode?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onetrip-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, workspaces: ['svc'] }));
  mkdirSync(join(dir, 'svc'));
  writeFileSync(join(dir, 'svc', 'package.json'), JSON.stringify({
    name: 'svc', private: true, scripts: { serve: 'node server.mjs' }, onetrip: { services },
  }));
  if (serverCode) writeFileSync(join(dir, 'svc', 'server.mjs'), serverCode);
  return dir;
}

function run(root: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [startScript], { env: { ...process.env, ONETRIP_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => { out += d; });
  child.stderr?.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  // Ctrl-C first, so the orchestrator stops the process groups it started; SIGKILL would orphan them.
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  });
  return { child, output: () => out, exited };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const address = srv.address();
  await new Promise((r) => srv.close(r));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start orchestrator', () => {
  it('says so when there is nothing to start', async () => {
    const { output, exited } = run(scratchRepo([]));
    expect(await exited).toBe(0);
    expect(output()).toMatch(/nothing to start/);
  });

  it('starts a service, prefixes its logs, prints its address and stops it on Ctrl-C', async () => {
    const port = await freePort();
    const server = `import http from 'node:http';
      http.createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('listening on ${port}'));`;
    const root = scratchRepo([{ name: 'demo', script: 'serve', ready: `http://127.0.0.1:${port}/`, addresses: { web: `http://127.0.0.1:${port}/` } }], server);
    const { child, output, exited } = run(root);
    await until(() => output().includes(`http://127.0.0.1:${port}/\n`), 'the printed address');
    expect(output()).toContain(`[demo] listening on ${port}`);
    expect(output()).toMatch(new RegExp(`demo\\s+web\\s+http://127.0.0.1:${port}/`));
    expect((await fetch(`http://127.0.0.1:${port}/`)).ok).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('stops everything and fails when a service dies before it is ready', async () => {
    const root = scratchRepo([{ name: 'broken', script: 'serve', ready: 'http://127.0.0.1:9/' }], 'process.exit(3);');
    const { output, exited } = run(root);
    expect(await exited).toBe(1);
    expect(output()).toMatch(/\[broken\] exited/);
  });
});
