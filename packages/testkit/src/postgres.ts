/**
 * A throwaway PostgreSQL server for one test file: initdb into a temp dir, start the real
 * `postgres` on 127.0.0.1 and a private socket dir, wait until it answers, create a
 * database, hand back its URL. `stop()` shuts it down (fast mode) and deletes everything.
 */
import { chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestkitError } from './errors';
import { freePort } from './free-port';
import { asUser, makeCluster, SUPERUSER } from './postgres-cluster';
import { findPostgresBinDir, serverOsUser, serverTempParent, type OsUser } from './postgres-bin';
import { spawnTied, tailOf, type TiedProcess } from './spawn-tied';
import { tempDir } from './temp-dir';
import { waitFor } from './wait-for';

export interface PostgresOptions {
  /** Name of the database to create and put in `url`. Default `onetrip_test`. */
  database?: string;
  /** A fixed port instead of a free one (no retry when it is taken). */
  port?: number;
  /** Extra server settings, passed as `-c name=value`; they override the test defaults. */
  settings?: Record<string, string | number>;
  /** How long start-up may take. Default 30 000 ms. */
  timeoutMs?: number;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url: string;
  port: number;
  /** The cluster's data directory (inside a temp dir that `stop()` removes). */
  dataDir: string;
  /** URL of the `postgres` maintenance database, for admin work. */
  adminUrl: string;
  /** Creates another empty database (for per-test isolation) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

const TEST_SETTINGS: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

export { postgresAvailable } from './postgres-bin';

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = requireBinDir();
  const user = serverOsUser();
  if (user && user.uid < 0) {
    throw new TestkitError('TESTKIT_POSTGRES_USER_MISSING', {
      zh: `以 root 运行时需要操作系统用户“${user.name}”来运行 PostgreSQL（可设置 PG_OS_USER）`,
      en: `running as root, PostgreSQL needs the OS user "${user.name}" to run as (set PG_OS_USER)`,
    });
  }
  const dir = await tempDir('pg', { parent: serverTempParent(user) });
  try {
    const dataDir = join(dir.path, 'data');
    const socketDir = join(dir.path, 'sock');
    await mkdir(socketDir);
    if (user) await Promise.all([chown(dir.path, user.uid, user.gid), chown(socketDir, user.uid, user.gid)]);
    await makeCluster(bin, dataDir, dir.path, user);
    const { proc, port } = await startServer({ bin, dataDir, socketDir, cwd: dir.path, user, options });
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopped ??= proc.stop('SIGINT', 15_000).then(() => dir.cleanup());
      return stopped;
    };
    const adminUrl = urlFor(port, 'postgres');
    const createDatabase = (name: string): Promise<string> => createDb(adminUrl, port, name);
    try {
      const url = await createDatabase(options.database ?? 'onetrip_test');
      return { url, port, dataDir, adminUrl, createDatabase, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    await dir.cleanup();
    throw error;
  }
}

function requireBinDir(): string {
  const bin = findPostgresBinDir();
  if (bin) return bin;
  throw new TestkitError('TESTKIT_POSTGRES_MISSING', {
    zh: '找不到 PostgreSQL 服务器程序，请安装（apt-get install postgresql）或设置 PG_BINDIR',
    en: 'PostgreSQL server programs not found: install them (apt-get install postgresql) or set PG_BINDIR',
  });
}

function urlFor(port: number, database: string): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
}

interface ServerSpec {
  bin: string;
  dataDir: string;
  socketDir: string;
  cwd: string;
  user: OsUser | null;
  options: PostgresOptions;
}

/** Starts `postgres`; when the free port was taken in the meantime, tries another one. */
async function startServer(spec: ServerSpec): Promise<{ proc: TiedProcess; port: number }> {
  const attempts = spec.options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = spec.options.port ?? (await freePort());
    const settings = { ...TEST_SETTINGS, ...spec.options.settings };
    const args = ['-D', spec.dataDir, '-p', String(port), '-k', spec.socketDir, '-h', '127.0.0.1'];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    const proc = spawnTied(join(spec.bin, 'postgres'), args, { cwd: spec.cwd, exitSignal: 'SIGQUIT', ...asUser(spec.user) });
    const log = tailOf(proc.child.stderr);
    const ready = await untilReady(proc, port, spec.options.timeoutMs ?? 30_000);
    if (ready) return { proc, port };
    await proc.stop('SIGQUIT', 5_000);
    const text = log();
    if (attempt < attempts && /could not bind|already in use/i.test(text)) continue;
    throw new TestkitError('TESTKIT_POSTGRES_START_FAILED', {
      zh: `PostgreSQL 未能启动（端口 ${port}）：\n${text}`,
      en: `PostgreSQL did not start (port ${port}):\n${text}`,
    });
  }
}

/** True once a client can connect; false as soon as the server process exits or time runs out. */
async function untilReady(proc: TiedProcess, port: number, timeoutMs: number): Promise<boolean> {
  const gaveUp = new AbortController();
  void proc.exited.then(() => gaveUp.abort(new Error('postgres exited')));
  try {
    await waitFor(
      async () => {
        const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs, intervalMs: 25, description: `PostgreSQL accepting connections on 127.0.0.1:${port}`, signal: gaveUp.signal },
    );
    return true;
  } catch (_error) {
    return false;
  }
}

async function createDb(adminUrl: string, port: number, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new TestkitError('TESTKIT_POSTGRES_BAD_NAME', {
      zh: `数据库名无效：${name}（只允许小写字母、数字和下划线）`,
      en: `invalid database name: ${name} (lower-case letters, digits and underscores only)`,
    });
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return urlFor(port, name);
}
