import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Db, Queryable } from './db';
import { INT8_OID, parseInt8 } from './db';

/**
 * Opens PGlite in `dataDir` (or in memory for ':memory:'). PGlite runs one backend in this
 * process, so listen/notify is in-process and two servers in one process may share it.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir !== ':memory:') await fromInitdbTemplate(dataDir);
  const pg = await PGlite.create(dataDir === ':memory:' ? undefined : dataDir, { parsers: { [INT8_OID]: parseInt8 } });
  return wrapPglite(pg, true);
}

/** Wraps an already open PGlite; `owned` says whether close() should close it too. */
export function wrapPglite(pg: PGlite, owned: boolean): Db {
  const asQueryable = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) { await q.exec(sql); },
  });
  return {
    engine: 'pglite',
    ...asQueryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => { if (!pg.closed) await unlisten(); };
    },
    async close() { if (owned && !pg.closed) await pg.close(); },
  };
}

/**
 * PGlite runs initdb inside WebAssembly: on a fresh DATA_DIR it is most of the server's start-up
 * (tens of seconds on a loaded two-core machine), and every end-to-end suite starts servers on
 * fresh directories. So the first fresh start on a machine keeps a copy of a just-initialised,
 * cleanly closed data directory (no tables yet: migrations still run as usual) in the system
 * temp folder, keyed by PGlite's version, and later fresh starts copy it instead of running
 * initdb. The copy is made under a temporary name and renamed into place, so a crash or two
 * processes at once never leave a half template. A DATA_DIR that is not empty is left alone.
 */
async function fromInitdbTemplate(dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return;
  const template = join(tmpdir(), `onetrip-pglite-initdb-${pgliteVersion()}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const building = await mkdtemp(`${template}.building-`);
    try {
      const pg = await PGlite.create(building);
      await pg.close();
      await rename(building, template);
    } catch {
      // Another process put its template in place first (or the temp folder is not writable).
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  }
  if (existsSync(join(template, 'PG_VERSION'))) await cp(template, dataDir, { recursive: true });
  else mkdirSync(dataDir, { recursive: true });
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  // dist/index.cjs → the package folder; package.json is not in the package's exports.
  const pkg = join(dirname(main), '..', 'package.json');
  return (require(pkg) as { version: string }).version;
}
