import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@onetrip/testkit';
import type { Db } from '../src/storage/db';
import { migrate } from '../src/storage/migrations';
import { EmbeddedMaintenance } from '../src/storage/maintenance';
import { pullSql } from '../src/replication/pull';
import type { Principal } from '../src/auth/principal';
import { createTestDatabase, engine, type TestDatabase } from './harness';

// Both databases: PGlite has no autovacuum (the maintenance analyzes and vacuums), a PostgreSQL
// server's analyzes a bulk load up to a minute late (the maintenance analyzes, never vacuums).
const vacuum = engine === 'pglite';
let test: TestDatabase;
let db: Db;
const logged: string[] = [];
const log = { info: (o: object, m: string) => { logged.push(`${m} ${JSON.stringify(o)}`); }, warn: (o: object, m: string) => { logged.push(`WARN ${m}`); } };
const admin = { kind: 'user', id: 'admin', role: 'admin', regionCode: '430182' } as Principal;

beforeAll(async () => {
  test = await createTestDatabase();
  db = await test.open();
  await migrate(db);
});
afterAll(async () => { await db?.close(); await test?.cleanup(); });

// PostgreSQL reports a backend's table counters at most once a second; force the report first.
// (last_analyze and last_vacuum are the manual ones: autovacuum's are last_auto*.)
const stats = async (table: string) => (await db.query('SELECT pg_stat_force_next_flush()'), await db.query<{ analyzed: boolean; vacuumed: boolean; dead: number }>(
  `SELECT last_analyze IS NOT NULL AS analyzed, last_vacuum IS NOT NULL AS vacuumed, n_dead_tup AS dead FROM pg_stat_user_tables WHERE relname = $1`, [table]))[0]!;

async function pagePlan(after: number): Promise<string> {
  const q = pullSql('caseEvents', admin, { id: '', updatedAt: after }, 1000)!;
  return (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${q.sql}`, q.values)).map((r) => r['QUERY PLAN']).join('\n');
}

describe(`statistics maintenance (${engine})`, () => {
  it('analyzes a table after a bulk load, so a pull page walks the index instead of sorting everything after the checkpoint', async () => {
    await db.query(`INSERT INTO docs (region_code, collection, id, seq, doc, case_id)
      SELECT '430182101201', 'caseEvents', 'ev' || g, g, json_build_object('id', 'ev' || g, 'pad', repeat('x', 1200)), 'c' || g
        FROM generate_series(1, 30000) g`);
    // (on a PostgreSQL server autovacuum could analyze first, so the plan before is checked on PGlite)
    if (engine === 'pglite') expect(await pagePlan(1000)).toMatch(/Sort/);
    const m = new EmbeddedMaintenance(db, log, 60_000, 20_000, vacuum);
    // a PostgreSQL backend reports its counters when idle, up to 10 s later: the next rounds see them
    await waitFor(async () => { await m.check(); return m.rounds === 1; }, { timeoutMs: 30_000, description: 'a round that analyzes docs' });
    expect((await stats('docs')).analyzed).toBe(true);
    const plan = await pagePlan(1000);
    expect(plan).toMatch(/Index Scan using docs_pull/);
    expect(plan).not.toMatch(/Sort/);
    // Nothing changed since: the next round leaves every table alone.
    await m.check();
    expect(m.rounds).toBe(1);
  });

  it(`${vacuum ? 'vacuums' : 'analyzes, and leaves to autovacuum,'} a table with many dead rows, and a burst of writes brings the round forward`, async () => {
    await db.query(`INSERT INTO cases (region_code, case_id, seq, state) SELECT '430182101201', 'c' || g, g, '{}'::json FROM generate_series(1, 2000) g`);
    await db.query(`DELETE FROM cases WHERE seq > 500`);
    expect((await stats('cases')).dead).toBe(1500);
    const m = new EmbeddedMaintenance(db, log, 3_600_000, 5_000, vacuum);
    m.start();
    m.wrote(4_999);
    m.wrote(1);
    await waitFor(() => m.rounds === 1, { timeoutMs: 30_000, description: 'a maintenance round after the burst' });
    const after = await stats('cases');
    expect(after.analyzed).toBe(true);
    expect(after.vacuumed).toBe(vacuum);
    if (vacuum) expect(after.dead).toBe(0);
    expect(logged.some((l) => l.startsWith('embedded maintenance {"table":"cases"'))).toBe(true);
    await m.stop();
    await db.query(`UPDATE cases SET seq = seq + 2000`);
    await m.check();
    expect(m.rounds).toBe(1); // stopped: no more rounds
  });
});
