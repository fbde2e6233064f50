import { z } from 'zod';
import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { apiError } from '../errors';
import { stableStringify } from '../domain';
import { lockCounters, notifyChanges, takeSeq } from '../storage/changes';
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
    if (stableStringify(parsed.data) !== stableStringify(body)) throw apiError('INVALID_DOCUMENT', { index, issues: [{ path: '', message: 'unknown fields' }] });
    return { assumed: row.assumedMasterState ?? null, body, deleted, id: String(body[def.key]) };
  });
}

/** Equal as RxDB sees it: same fields and values, same deleted flag, key order ignored. */
export function sameDoc(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (a === null || b === null) return a === b;
  const x = splitDoc(a);
  const y = splitDoc(b);
  return x.deleted === y.deleted && stableStringify(x.body) === stableStringify(y.body);
}

export async function findMaster(tx: Queryable, collection: string, id: string): Promise<Doc | null> {
  const rows = await tx.query<{ doc: Record<string, unknown>; deleted: boolean }>('SELECT doc, deleted FROM docs WHERE collection = $1 AND id = $2', [collection, id]);
  const row = rows[0];
  return row ? { ...row.doc, _deleted: row.deleted } : null;
}

export async function writeDoc(tx: Queryable, collection: DocCollection, row: ValidRow, seq: number, ownerId: string): Promise<void> {
  const cols = collections[collection].columns(row.body);
  await tx.query(
    `INSERT INTO docs (region_code, collection, id, seq, deleted, doc, site_id, case_id, owner_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, now())
     ON CONFLICT (region_code, collection, id) DO UPDATE
       SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc, site_id = EXCLUDED.site_id,
           case_id = EXCLUDED.case_id, updated_at = now()`,
    [cols.regionCode, collection, row.id, seq, row.deleted, JSON.stringify(row.body), cols.siteId, cols.caseId, ownerId],
  );
}

/**
 * RxDB push for the docs-table collections (not caseEvents, which case-events.ts handles): in one
 * transaction, each row whose assumed master state differs from the real master is answered
 * with the master (a conflict); the others are written. Any permission error rolls back all.
 */
export async function pushDocs(tx: Queryable, collection: DocCollection, who: Principal, rows: ValidRow[]): Promise<Doc[]> {
  const def = collections[collection];
  await lockCounters(tx, [collection]);
  const conflicts: Doc[] = [];
  let written = 0;
  for (const row of rows) {
    const master = await findMaster(tx, collection, row.id);
    const masterBody = master ? splitDoc(master).body : null;
    const denied = checkDocWrite(collection, who, row.body, masterBody);
    if (denied) throw denied;
    if (master) {
      const next = { ...row.body, _deleted: row.deleted };
      if (def.immutable) { if (!sameDoc(master, next)) conflicts.push(master); continue; }
      if (!sameDoc(row.assumed, master)) { conflicts.push(master); continue; }
      if (sameDoc(master, next)) continue;
    }
    if (collection === 'ratings') await requireCase(tx, row.body);
    await writeDoc(tx, collection, row, await takeSeq(tx, collection), who.id);
    written += 1;
  }
  if (written > 0) await notifyChanges(tx, [collection]);
  return conflicts;
}

async function requireCase(tx: Queryable, rating: Record<string, unknown>): Promise<void> {
  const rows = await tx.query('SELECT 1 FROM cases WHERE case_id = $1 AND region_code = $2', [rating.caseId, rating.regionCode]);
  if (rows.length === 0) throw apiError('OUT_OF_SCOPE', { reason: 'the rated case does not exist here' });
}
