/**
 * Making a fresh cluster (data directory) for a throwaway server. initdb is the slow part of
 * a start (one to several seconds on 2 busy cores), and its output is the same every time, so
 * the first start on a machine runs initdb once into a cache and every later start copies it
 * (`cp -a`, about half the time or less). The cache lives in `<tmp>/onetrip-cache/` (or
 * ONETRIP_PG_CACHE_DIR), one directory per PostgreSQL bin dir and OS user; set
 * ONETRIP_PG_TEMPLATE_CACHE=0 to always run initdb.
 */
import { chmod, chown, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestkitError } from './errors';
import { serverTempParent, type OsUser } from './postgres-bin';
import { spawnTied, tailOf } from './spawn-tied';
import { tempDir } from './temp-dir';
import { which } from './which';

export const SUPERUSER = 'postgres';

export function asUser(user: OsUser | null): { uid?: number; gid?: number } {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

/** Creates the cluster in `dataDir` (which must not exist; its parent belongs to `user`). */
export async function makeCluster(bin: string, dataDir: string, cwd: string, user: OsUser | null): Promise<void> {
  if (process.env.ONETRIP_PG_TEMPLATE_CACHE !== '0' && which('cp')) {
    const template = await cachedTemplate(bin, user).catch(() => null);
    if (template) {
      const copied = await run('cp', ['-a', template, dataDir], cwd, user, 'TESTKIT_POSTGRES_COPY_FAILED').then(
        () => true,
        () => false,
      );
      if (copied) return;
      await rm(dataDir, { recursive: true, force: true }); // a half copy; fall back to initdb
    }
  }
  await initdb(bin, dataDir, cwd, user);
}

/** Builds in progress in this process, so concurrent starts build a template only once. */
const building = new Map<string, Promise<string>>();

/** The cached, never-started template cluster for this bin dir and user; built when missing. */
async function cachedTemplate(bin: string, user: OsUser | null): Promise<string> {
  const uid = user?.uid ?? process.getuid?.() ?? 0;
  const cacheRoot = process.env.ONETRIP_PG_CACHE_DIR ?? join(serverTempParent(user), 'onetrip-cache');
  const final = join(cacheRoot, `pg-template-${bin.replace(/[^a-zA-Z0-9]+/g, '-')}-uid${uid}`);
  if (await isCluster(final)) return final;
  let pending = building.get(final);
  if (!pending) {
    pending = buildTemplate(bin, user, cacheRoot, final).finally(() => building.delete(final));
    building.set(final, pending);
  }
  return pending;
}

async function buildTemplate(bin: string, user: OsUser | null, cacheRoot: string, final: string): Promise<string> {
  await mkdir(cacheRoot, { recursive: true });
  await chmod(cacheRoot, 0o755).catch(() => undefined);
  // Build beside the final place, then rename: another process never sees half a template,
  // and when two build at once, the first rename wins and the other copy is dropped.
  const work = await tempDir('pg-template-build', { parent: cacheRoot });
  try {
    if (user) await chown(work.path, user.uid, user.gid);
    const data = join(work.path, 'data');
    await initdb(bin, data, work.path, user);
    // A template that lost files (tmp cleaners) is replaced, never copied.
    if (!(await isCluster(final))) await rm(final, { recursive: true, force: true });
    await rename(data, final).catch(async (error: unknown) => {
      if (!(await isCluster(final))) throw error;
    });
    return final;
  } finally {
    await work.cleanup();
  }
}

const CLUSTER_MARKERS = ['PG_VERSION', 'pg_hba.conf', 'global/pg_control', 'base/1/PG_VERSION', 'pg_wal'];

async function isCluster(dir: string): Promise<boolean> {
  try {
    await Promise.all(CLUSTER_MARKERS.map((marker) => stat(join(dir, marker))));
    return true;
  } catch (_error) {
    return false;
  }
}

async function initdb(bin: string, dataDir: string, cwd: string, user: OsUser | null): Promise<void> {
  const args = ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--wal-segsize=1'];
  await run(join(bin, 'initdb'), args, cwd, user, 'TESTKIT_POSTGRES_INITDB_FAILED');
  await writeHba(dataDir, user);
}

/** Trust, but only on the private socket and 127.0.0.1: nothing else can reach the server. */
async function writeHba(dataDir: string, user: OsUser | null): Promise<void> {
  const file = join(dataDir, 'pg_hba.conf');
  await writeFile(file, 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  if (user) await chown(file, user.uid, user.gid);
}

async function run(command: string, args: string[], cwd: string, user: OsUser | null, code: string): Promise<void> {
  const proc = spawnTied(command, args, { cwd, ...asUser(user) });
  const output = tailOf(proc.child.stderr);
  const { code: exitCode, signal } = await proc.exited;
  if (exitCode !== 0) {
    const what = `${command} ${args[0] ?? ''}`;
    throw new TestkitError(code, {
      zh: `${what} 失败（退出码 ${exitCode}，信号 ${signal}）：\n${output()}`,
      en: `${what} failed (code ${exitCode}, signal ${signal}):\n${output()}`,
    });
  }
}
