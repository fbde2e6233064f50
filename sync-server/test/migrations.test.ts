import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/storage/db';
import { openPglite } from '../src/storage/pglite-db';
import { migrate, MIGRATIONS } from '../src/storage/migrations';
import { createTestDatabase, engine, type TestDatabase } from './harness';

let tdb: TestDatabase | undefined;
let db: Db;

beforeAll(async () => {
  // A database with no schema yet: PGlite in memory, or a fresh database on the PostgreSQL server.
  if (engine === 'postgres') {
    tdb = await createTestDatabase();
    db = await tdb.open();
  } else {
    db = await openPglite(':memory:');
  }
});
afterAll(async () => {
  await db?.close();
  await tdb?.cleanup();
});

const shaA = 'a'.repeat(64);
const shaB = 'b'.repeat(64);
const shaC = 'c'.repeat(64);

describe(`migration 3: documents as JSON text, blob references on their events (${engine})`, () => {
  it('keeps every document and case, moves each event\'s blob references onto it, and runs once', async () => {
    expect(await migrate(db, 2)).toEqual([1, 2]);
    const withBlobs = { id: 'ev1', caseId: 'case1', type: 'submitted', regionCode: '430182101201', payload: {
      applicant: { name: '王建国' }, materials: [{ sha256: shaA }, { sha256: shaB }], livePhoto: { sha256: shaC } } };
    const without = { id: 'ev2', caseId: 'case1', type: 'accepted', regionCode: '430182101201', payload: { note: '受理' } };
    const item = { code: 'MZ-TK-01', name: { zh: '特困供养', en: 'Destitute support' } };
    await db.query(
      `INSERT INTO docs (region_code, collection, id, seq, doc, case_id) VALUES
        ('430182101201', 'caseEvents', 'ev1', 1, $1::jsonb, 'case1'), ('430182101201', 'caseEvents', 'ev2', 2, $2::jsonb, 'case1'),
        ('430182', 'items', 'MZ-TK-01', 1, $3::jsonb, NULL)`,
      [JSON.stringify(withBlobs), JSON.stringify(without), JSON.stringify(item)]);
    await db.query(`INSERT INTO cases (region_code, case_id, seq, state) VALUES ('430182101201', 'case1', 1, $1::jsonb)`,
      [JSON.stringify({ caseId: 'case1', status: 'accepted', applicant: { name: '王建国', idNumber: '430182194001010007' } })]);
    await db.query(`INSERT INTO blob_refs (region_code, sha256, case_id) VALUES ('430182101201', $1, 'case1'), ('430182101201', $2, 'case1'), ('430182101201', $3, 'case1')`,
      [shaA, shaB, shaC]);

    expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 2).map((m) => m.version));
    expect(await migrate(db)).toEqual([]);

    const docs = await db.query<{ id: string; doc: unknown; blobs: string[] | null }>(`SELECT id, doc, blobs FROM docs ORDER BY id`);
    expect(docs).toEqual([
      { id: 'MZ-TK-01', doc: item, blobs: null },
      { id: 'ev1', doc: withBlobs, blobs: [shaA, shaB, shaC] },
      { id: 'ev2', doc: without, blobs: null },
    ]);
    const [kase] = await db.query<{ name: string; applicant_id: string }>(`SELECT state->'applicant'->>'name' AS name, applicant_id FROM cases`);
    expect(kase).toEqual({ name: '王建国', applicant_id: '430182194001010007' });
    const found = await db.query<{ case_id: string }>(`SELECT case_id FROM docs WHERE collection = 'caseEvents' AND blobs @> ARRAY[$1]::text[] AND blobs IS NOT NULL`, [shaB]);
    expect(found).toEqual([{ case_id: 'case1' }]);
    const [table] = await db.query<{ t: string | null }>(`SELECT to_regclass('blob_refs')::text AS t`);
    expect(table?.t).toBeNull();
    // Case events are still immutable after the trigger was paused for the move.
    await expect(db.query(`UPDATE docs SET seq = 9 WHERE id = 'ev1'`)).rejects.toThrow(/immutable/);
  });
});
