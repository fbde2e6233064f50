import { z } from 'zod';
import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { collections, isDocCollection, type CollectionName } from './collections';
import { Params, caseScopeSql, docScopeSql } from './scope';

/** RxDB's checkpoint: the last document's id and its change sequence. */
export const Checkpoint = z.object({ id: z.string().max(128), updatedAt: z.number().int().min(0) });
export type Checkpoint = z.infer<typeof Checkpoint>;

export type Doc = Record<string, unknown> & { _deleted: boolean };

export interface PullResult {
  documents: Doc[];
  checkpoint: Checkpoint | null;
}

interface Row { doc: Record<string, unknown>; deleted: boolean; seq: number; id: string }

/**
 * Documents after the checkpoint in (updatedAt, id) order, only those in the caller's scope.
 * The sequence is unique per collection, so `seq > updatedAt` is the whole (updatedAt, id)
 * comparison. See storage/changes.ts for why no committed row is ever skipped.
 */
export async function pullChanges(db: Queryable, collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number): Promise<PullResult> {
  const p = new Params();
  const after = p.add(since?.updatedAt ?? 0);
  let sql: string;
  if (collection === 'cases') {
    sql = `SELECT c.state AS doc, false AS deleted, c.seq, c.case_id AS id FROM cases c
            WHERE c.seq > ${after} AND (${caseScopeSql(who)(p)}) ORDER BY c.seq LIMIT ${p.add(limit)}`;
  } else if (collection === 'auditLog') {
    if (who.role !== 'admin') return { documents: [], checkpoint: since };
    sql = `SELECT a.entry AS doc, false AS deleted, a.change_seq AS seq, a.id
             FROM audit_log a WHERE a.change_seq > ${after} ORDER BY a.change_seq LIMIT ${p.add(limit)}`;
  } else {
    sql = `SELECT d.doc, d.deleted, d.seq, d.id FROM docs d
            WHERE d.collection = ${p.add(collection)} AND d.seq > ${after} AND (${docScopeSql(collection, who)(p)})
            ORDER BY d.seq LIMIT ${p.add(limit)}`;
  }
  const rows = await db.query<Row>(sql, p.values);
  const last = rows[rows.length - 1];
  return {
    documents: rows.map((r) => ({ ...r.doc, _deleted: r.deleted })),
    checkpoint: last ? { id: last.id, updatedAt: last.seq } : since,
  };
}

/** The newest sequence of a collection: where a live stream without a checkpoint starts. */
export async function headSeq(db: Queryable, collection: CollectionName): Promise<number> {
  const rows = await db.query<{ seq: number }>('SELECT seq FROM change_counters WHERE collection = $1', [collection]);
  return rows[0]?.seq ?? 0;
}

export function keyOf(collection: CollectionName, doc: Record<string, unknown>): string {
  if (collection === 'cases') return String(doc.caseId);
  return String(doc[isDocCollection(collection) ? collections[collection].key : 'id']);
}
