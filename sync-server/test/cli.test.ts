import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitFor } from '@onetrip/testkit';
import { createTestDatabase, engine, type TestDatabase } from './harness';

// `npm start -w sync-server` runs `tsx src/main.ts`: this starts exactly that, in demo mode,
// checks it prints the demo accounts and serves, then stops it with SIGTERM.
let tdb: TestDatabase;
let child: ChildProcess | undefined;

beforeAll(async () => { tdb = await createTestDatabase(); });
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await tdb?.cleanup();
});

describe(`the CLI (${engine})`, () => {
  it('starts in demo mode, prints the demo accounts and an enrollment code, and drains on SIGTERM', async () => {
    const port = await freePort();
    const env = {
      ...process.env, DEMO: '1', PORT: String(port), DATA_DIR: tdb.dataDir, BLOB_DIR: join(tdb.root, 'blobs'), SCRYPT_LOG_N: '10', LOG_LEVEL: 'warn',
      ...(tdb.url ? { DATABASE_URL: tdb.url } : {}),
    };
    const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const proc = spawn(tsx, ['src/main.ts'], { cwd: join(import.meta.dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    proc.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    await waitFor(() => out.includes('listening on') || proc.exitCode !== null, { timeoutMs: 120_000 });
    expect(out, out).toContain(`listening on http://127.0.0.1:${port}`);
    expect(out).toContain('onetrip-demo');
    expect(out).toMatch(/^\s+admin\s+admin\s+430182000000$/m);
    expect(out).toMatch(/kiosk enrollment code: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('draining streams');
  });
});
