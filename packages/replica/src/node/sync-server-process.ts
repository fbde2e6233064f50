// Starts the real sync server as a child process for tests (lint forbids importing
// sync-server from packages/*): `node --import tsx sync-server/src/main.ts` with a temp
// DATA_DIR, DEMO=1 and a free port on 127.0.0.1. `restart()` keeps the data and the port,
// so tests can show that replicas survive a server restart.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, onProcessExit, tempDir } from '@onetrip/testkit';
import type { TempDir } from '@onetrip/testkit';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const DEMO_PASSWORD = 'onetrip-demo';

export interface SyncServerProcess {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL), keeping its data directory. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it for good and removes its data. */
  dispose(): Promise<void>;
  log(): string;
}

function launch(port: number, dir: string, output: string[], extraEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DEMO: '1', SCRYPT_LOG_N: '10',
      HEARTBEAT_MS: '1000', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', ...extraEnv,
    },
  });
  const unregister = onProcessExit(() => child.kill('SIGKILL'));
  child.once('exit', unregister);
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      output.push(chunk.toString());
      if (text.includes('listening on')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sync-server exited with ${code} before listening:\n${output.join('')}`)));
  });
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startSyncServer(extraEnv: Record<string, string> = {}): Promise<SyncServerProcess> {
  const port = await freePort();
  const dir: TempDir = await tempDir('replica-sync');
  const output: string[] = [];
  let child: ChildProcess | undefined = await launch(port, dir.path, output, extraEnv);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(child);
      child = undefined;
    },
    async start() {
      if (!child) child = await launch(port, dir.path, output, extraEnv);
    },
    async dispose() {
      await stopChild(child);
      child = undefined;
      await dir.cleanup();
    },
    log: () => output.join(''),
  };
}

/** Signs in with a demo account and returns the token. */
export async function demoLogin(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-onetrip-protocol': '1' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Enrolls a kiosk at a site the way an administrator and the kiosk do it; returns its id and token. */
export async function enrollKiosk(url: string, siteId: string): Promise<{ deviceId: string; token: string; regionCode: string }> {
  const admin = await demoLogin(url, 'admin');
  const headers = { 'content-type': 'application/json', 'x-onetrip-protocol': '1' };
  const codeRes = await fetch(`${url}/api/v1/devices/enrollment-codes`, {
    method: 'POST', headers: { ...headers, authorization: `Bearer ${admin}` }, body: JSON.stringify({ siteId }),
  });
  if (!codeRes.ok) throw new Error(`enrollment code: HTTP ${codeRes.status} ${await codeRes.text()}`);
  const { code } = (await codeRes.json()) as { code: string };
  const res = await fetch(`${url}/api/v1/devices/enroll`, {
    method: 'POST', headers, body: JSON.stringify({ code, name: 'test kiosk', publicKey: 'test-public-key-0123456789' }),
  });
  if (!res.ok) throw new Error(`enroll: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { deviceId: string; token: string; regionCode: string };
}
