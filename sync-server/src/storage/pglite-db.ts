import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db, Queryable } from './db';
import { INT8_OID, parseInt8 } from './db';

/**
 * Opens PGlite in `dataDir` (or in memory for ':memory:'). PGlite runs one backend in this
 * process, so listen/notify is in-process and two servers in one process may share it.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
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
