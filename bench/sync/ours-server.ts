// Our sync server as a child process: one Node process (tsx as an --import hook, not the tsx
// CLI, which would put a wrapper process between us and the server whose RSS we read).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './config';
import { startService, type Service } from './processes';

const SERVER_DIR = fileURLToPath(new URL('../../sync-server/', import.meta.url));

export interface OurServer {
  database: Database;
  service: Service;
  stop(): Promise<void>;
}

export interface OurServerOptions {
  database: Database;
  port: number;
  /** A PostgreSQL server for `postgres`; ignored for `pglite` (embedded, in a temp DATA_DIR). */
  databaseUrl?: string;
  /** Seed the demo county (the first instance; a further instance on the same database finds it seeded). Default true. */
  demo?: boolean;
}

export async function startOurServer(opts: OurServerOptions): Promise<OurServer> {
  const dir = await mkdtemp(join(tmpdir(), `onetrip-bench-sync-${opts.database}-`));
  const url = `http://127.0.0.1:${opts.port}`;
  const env: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    HOME: dir,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    DATA_DIR: join(dir, 'data'),
    BLOB_DIR: join(dir, 'blobs'),
    DEMO: opts.demo === false ? '0' : '1',
    // 100 clients pushing 50,000 events would hit the per-principal rate limit within seconds;
    // the limit protects production, the benchmark measures throughput.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // Request logging is off on the peer too.
    LOG_LEVEL: 'warn',
    // The password hash's cost only slows seeding the demo accounts and signing in, neither of
    // which is measured; the default (2^15) makes start-up seconds longer.
    SCRYPT_LOG_N: '10',
  };
  if (opts.database === 'postgres') {
    if (!opts.databaseUrl) throw new Error('the postgres run needs a DATABASE_URL');
    env['DATABASE_URL'] = opts.databaseUrl;
  }
  // BENCH_SYNC_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (to see where its time goes).
  const profileDir = process.env['BENCH_SYNC_CPU_PROF'];
  const service = await startService({
    name: `sync-server (${opts.database})`,
    command: process.execPath,
    args: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', join(SERVER_DIR, 'src', 'main.ts')],
    cwd: SERVER_DIR,
    env,
    url,
    readyUrl: `${url}/healthz`,
    readyTimeoutMs: 300_000,
  });
  return {
    database: opts.database,
    service,
    stop: async () => { await service.stop(); await rm(dir, { recursive: true, force: true }); },
  };
}
