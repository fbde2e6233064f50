import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinDir, postgresAvailable, serverOsUser, serverTempParent } from './postgres-bin';
import { makeCluster } from './postgres-cluster';
import { tempDir, type TempDir } from './temp-dir';

const missing = postgresAvailable();
if (missing) console.warn(`postgres cluster tests skipped: ${missing}`);

describe.skipIf(missing !== null)('makeCluster', () => {
  const user = serverOsUser();
  const dirs: TempDir[] = [];
  let cacheRoot = '';
  // A private cache: damaging the shared one would break other suites starting servers now.
  beforeAll(async () => {
    const cache = await tempDir('pg-cache-test', { parent: serverTempParent(user) });
    dirs.push(cache);
    await chmod(cache.path, 0o755);
    cacheRoot = join(cache.path, 'cache');
    process.env.ONETRIP_PG_CACHE_DIR = cacheRoot;
  });
  afterAll(async () => {
    delete process.env.ONETRIP_PG_CACHE_DIR;
    await Promise.all(dirs.map((d) => d.cleanup()));
  });

  async function freshParent(): Promise<string> {
    const dir = await tempDir('cluster-test', { parent: serverTempParent(user) });
    dirs.push(dir);
    if (user) await chown(dir.path, user.uid, user.gid);
    return dir.path;
  }

  it('copies a cached template that trusts only the socket and 127.0.0.1, and repairs a broken cache', async () => {
    const bin = findPostgresBinDir() ?? '';
    const first = join(await freshParent(), 'data');
    await makeCluster(bin, first, join(first, '..'), user);
    expect(readFileSync(join(first, 'pg_hba.conf'), 'utf8')).toBe('local all all trust\nhost all all 127.0.0.1/32 trust\n');
    const [template] = execFileSync('ls', [cacheRoot], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.startsWith(`pg-template-${bin.replace(/[^a-zA-Z0-9]+/g, '-')}`));
    expect(template).toBeDefined();
    // A tmp cleaner took a file: the next start must not copy the damaged template.
    rmSync(join(cacheRoot, template ?? '', 'global', 'pg_control'));
    const second = join(await freshParent(), 'data');
    await makeCluster(bin, second, join(second, '..'), user);
    expect(existsSync(join(second, 'global', 'pg_control'))).toBe(true);
    expect(existsSync(join(cacheRoot, template ?? '', 'global', 'pg_control'))).toBe(true);
  });

  it('leaves a data directory owned by the server user with mode 0700', async () => {
    const data = join(await freshParent(), 'data');
    await mkdir(join(data, '..'), { recursive: true });
    await makeCluster(findPostgresBinDir() ?? '', data, join(data, '..'), user);
    const [mode, owner] = execFileSync('stat', ['-c', '%a %u', data], { encoding: 'utf8' }).trim().split(' ');
    expect(mode).toBe('700');
    expect(Number(owner)).toBe(user ? user.uid : process.getuid?.());
  });
});
