import { z } from 'zod';
import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { apiError } from '../errors';
import { sameJson } from './json-equal';
import { lockCounters, notifyChanges, seqRangeCte } from '../storage/changes';
import { jsonText } from '../storage/json-text';
import { collections, splitDoc, type DocCollection } from './collections';
import { checkDocWrite } from './write-rules';
import type { Doc } from './pull';

const AnyDoc = z.record(z.string(), z.unknown());
/** RxDB's push row. */
export const PushRow = z.object({ assumedMasterState: AnyDoc.nullable().optional(), newDocumentState: AnyDoc });
export type PushRow = z.infer<typeof PushRow>;
export const PushBody = z.array(PushRow).max(500);

export interface ValidRow { assumed: Record<string, unknown> | null; body: Record<string, unknown>; deleted: boolean; id: string }

/** Checks every row against the collection's schema before anything is written; throws INVALID_DOCUMENT. */
export function validateRows(collection: DocCollection, rows: PushRow[]): ValidRow[] {
  const def = collections[collection];
  return rows.map((row, index) => {
    const { body, deleted } = splitDoc(row.newDocumentState);
    const parsed = def.schema.safeParse(body);
    if (!parsed.success) {
      throw apiError('INVALID_DOCUMENT', { index, issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    // Unknown fields are refused rather than silently dropped: what is stored is exactly what
    // the client holds, so its next assumedMasterState compares equal.
    if (!sameJson(parsed.data, body)) throw apiError('INVALID_DOCUMENT', { index, issues: [{ path: '', message: 'unknown fields' }] });
    return { assumed: row.assumedMasterState ?? null, body, deleted, id: String(body[def.key]) };
  });
}

/** Equal as RxDB sees it: same fields and values, same deleted flag, key order ignored. */
export function sameDoc(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (a === null || b === null) return a === b;
  const x = splitDoc(a);
  const y = splitDoc(b);
  return x.deleted === y.deleted && sameJson(x.body, y.body);
}

export async function writeDoc(tx: Queryable, collection: DocCollection, row: ValidRow, seq: number, ownerId: string): Promise<void> {
  const cols = collections[collection].columns(row.body);
  await tx.query(
    `INSERT INTO docs (region_code, collection, id, seq, deleted, doc, site_id, case_id, owner_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, now())
     ON CONFLICT (region_code, collection, id) DO UPDATE
       SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc, site_id = EXCLUDED.site_id,
           case_id = EXCLUDED.case_id, updated_at = now()`,
    [cols.regionCode, collection, row.id, seq, row.deleted, jsonText(row.body), cols.siteId, cols.caseId, ownerId],
  );
}

/**
 * Writes several documents of one collection in one statement (an upsert per id, each its own
 * number from one range of the collection's counter, which the statement locks; see
 * storage/changes.ts). At most one row per id.
 */
export async function writeDocs(tx: Queryable, collection: DocCollection, rows: ValidRow[], ownerId: string): Promise<void> {
  if (rows.length === 0) return;
  const cols = rows.map((r) => collections[collection].columns(r.body));
  await tx.query(
    `WITH ${seqRangeCte('$1', '$2')}
     INSERT INTO docs (region_code, collection, id, seq, deleted, doc, site_id, case_id, owner_id, updated_at)
     SELECT r.region_code, $1, r.id, seq.base + r.n, r.deleted, r.doc, r.site_id, r.case_id, $3, now()
       FROM seq, ROWS FROM (unnest($4::text[]), unnest($5::text[]), unnest($6::boolean[]), json_array_elements($7::json),
                            unnest($8::text[]), unnest($9::text[]))
                 WITH ORDINALITY AS r(region_code, id, deleted, doc, site_id, case_id, n)
     ON CONFLICT (region_code, collection, id) DO UPDATE
       SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc, site_id = EXCLUDED.site_id,
           case_id = EXCLUDED.case_id, updated_at = now()`,
    [collection, rows.length, ownerId, cols.map((c) => c.regionCode), rows.map((r) => r.id), rows.map((r) => r.deleted),
      jsonText(rows.map((r) => r.body)), cols.map((c) => c.siteId), cols.map((c) => c.caseId)]);
}

/**
 * RxDB push for the docs-table collections (not caseEvents, which case-events.ts handles): in one
 * transaction, each row whose assumed master state differs from the real master is answered
 * with the master (a conflict); the others are written. Any permission error rolls back all.
 *
 * Set-based: the collection's counter is locked first (so no other writer of the collection can
 * change a master between our read and our write, and ids stay unique per collection), then one
 * query reads every master of the batch, the rules run in memory row by row (a later row of the
 * same id sees the earlier one as its master, as one-at-a-time processing would), and one
 * statement writes the result: the final version of each written id, each with a new sequence.
 */
export async function pushDocs(tx: Queryable, collection: DocCollection, who: Principal, rows: ValidRow[]): Promise<Doc[]> {
  const def = collections[collection];
  await lockCounters(tx, [collection]);
  const ids = [...new Set(rows.map((r) => r.id))];
  const masters = new Map<string, Doc>();
  for (const m of await tx.query<{ id: string; doc: Record<string, unknown>; deleted: boolean }>(
    'SELECT id, doc, deleted FROM docs WHERE collection = $1 AND id = ANY($2::text[])', [collection, ids])) {
    masters.set(m.id, { ...m.doc, _deleted: m.deleted });
  }
  const cases = collection === 'ratings' ? await existingCases(tx, rows) : null;
  const conflicts: Doc[] = [];
  const writes = new Map<string, ValidRow>();
  for (const row of rows) {
    const master = masters.get(row.id) ?? null;
    const masterBody = master ? splitDoc(master).body : null;
    const denied = checkDocWrite(collection, who, row.body, masterBody);
    if (denied) throw denied;
    const next = { ...row.body, _deleted: row.deleted };
    if (master) {
      if (def.immutable) { if (!sameDoc(master, next)) conflicts.push(master); continue; }
      if (!sameDoc(row.assumed, master)) { conflicts.push(master); continue; }
      if (sameDoc(master, next)) continue;
    }
    if (cases && !cases.has(caseKey(row.body.caseId, row.body.regionCode))) {
      throw apiError('OUT_OF_SCOPE', { reason: 'the rated case does not exist here' });
    }
    masters.set(row.id, next);
    writes.delete(row.id); // keep the map in write order: the last write of an id is the one stored
    writes.set(row.id, row);
  }
  if (writes.size === 0) return conflicts;
  await writeDocs(tx, collection, [...writes.values()], who.id);
  await notifyChanges(tx, [collection]);
  return conflicts;
}

const caseKey = (caseId: unknown, regionCode: unknown) => `${String(caseId)}|${String(regionCode)}`;

/** The (case, region) pairs of a ratings batch that exist in `cases`: a rating needs its case. */
async function existingCases(tx: Queryable, rows: ValidRow[]): Promise<Set<string>> {
  const caseIds = [...new Set(rows.map((r) => String(r.body.caseId)))];
  const found = await tx.query<{ case_id: string; region_code: string }>('SELECT case_id, region_code FROM cases WHERE case_id = ANY($1::text[])', [caseIds]);
  return new Set(found.map((r) => caseKey(r.case_id, r.region_code)));
}
