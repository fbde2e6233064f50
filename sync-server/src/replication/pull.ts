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

/** Characters per piece of a streamed answer: well under V8's large-object size (128 KB). */
const CHUNK_CHARS = 48 * 1024;

/** One pulled row, its document already JSON text (with `_deleted`) as the database printed it. */
export interface PageRow { json: string; id: string; seq: number; caseId: string | null }

/**
 * A page of a pull. Documents stay JSON text from the database (`doc::text`) and are spliced
 * into the response: no parse and re-stringify of every document on the server. `json` is the
 * whole `{documents, checkpoint}` answer, built once however many live streams send it.
 */
export class PullPage {
  private text: string | undefined;
  constructor(readonly rows: readonly PageRow[], readonly checkpoint: Checkpoint | null) {}

  get json(): string {
    return (this.text ??= [...this.chunks()].join(''));
  }

  /**
   * The same answer as `json`, in pieces of about CHUNK_CHARS characters, for a response to one
   * client. A page of 1,000 case events is about 1.4 MB of text: as one string it lands in V8's
   * large-object space, where it stays until the next full collection — a catch-up of 100 pages
   * piled up over 100 MB of such garbage in the server's resident memory. Pieces this size die
   * young, like the rows they are made of. Live streams, which share one page among many
   * readers, use `json`.
   */
  *chunks(): Generator<string> {
    if (this.text !== undefined) {
      yield this.text;
      return;
    }
    let part = '{"documents":[';
    for (let i = 0; i < this.rows.length; i++) {
      part += i === 0 ? this.rows[i]!.json : `,${this.rows[i]!.json}`;
      if (part.length >= CHUNK_CHARS) {
        yield part;
        part = '';
      }
    }
    yield `${part}],"checkpoint":${JSON.stringify(this.checkpoint)}}`;
  }

  /** The cases this page shows (for the read audit). */
  caseIds(): string[] {
    return [...new Set(this.rows.map((r) => r.caseId).filter((c): c is string => c !== null))];
  }

  toResult(): PullResult {
    return JSON.parse(this.json) as PullResult;
  }
}

/** A pull as SQL: the same text and values mean the same rows (used to share a pull between streams). */
export interface PullSql { sql: string; values: unknown[] }

interface Row { doc: string; deleted: boolean; seq: number; id: string; case_id: string | null }

/**
 * The query for documents after the checkpoint in (updatedAt, id) order, only those in the
 * caller's scope, or null when the caller may see nothing of the collection.
 * The sequence is unique per collection, so `seq > updatedAt` is the whole (updatedAt, id)
 * comparison. See storage/changes.ts for why no committed row is ever skipped.
 */
export function pullSql(collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number): PullSql | null {
  const p = new Params();
  const after = p.add(since?.updatedAt ?? 0);
  let sql: string;
  if (collection === 'cases') {
    sql = `SELECT c.state::text AS doc, false AS deleted, c.seq, c.case_id AS id, c.case_id FROM cases c
            WHERE c.seq > ${after} AND (${caseScopeSql(who)(p)}) ORDER BY c.seq LIMIT ${p.add(limit)}`;
  } else if (collection === 'auditLog') {
    if (who.role !== 'admin') return null;
    sql = `SELECT a.entry::text AS doc, false AS deleted, a.change_seq AS seq, a.id, NULL AS case_id
             FROM audit_log a WHERE a.change_seq > ${after} ORDER BY a.change_seq LIMIT ${p.add(limit)}`;
  } else {
    sql = `SELECT d.doc::text AS doc, d.deleted, d.seq, d.id, d.case_id FROM docs d
            WHERE d.collection = ${p.add(collection)} AND d.seq > ${after} AND (${docScopeSql(collection, who)(p)})
            ORDER BY d.seq LIMIT ${p.add(limit)}`;
  }
  return { sql, values: p.values };
}

/** Runs a pull query (null: nothing in scope) and returns its page. */
export async function runPull(db: Queryable, query: PullSql | null, since: Checkpoint | null): Promise<PullPage> {
  if (!query) return new PullPage([], since);
  const rows = await db.query<Row>(query.sql, query.values);
  const last = rows[rows.length - 1];
  return new PullPage(
    rows.map((r) => ({ json: withDeleted(r.doc, r.deleted), id: r.id, seq: r.seq, caseId: r.case_id })),
    last ? { id: last.id, updatedAt: last.seq } : since,
  );
}

/** `{…}` printed by PostgreSQL, plus RxDB's `_deleted` flag (stored documents never carry one). */
function withDeleted(doc: string, deleted: boolean): string {
  const flag = `"_deleted":${deleted ? 'true' : 'false'}`;
  return doc === '{}' ? `{${flag}}` : `${doc.slice(0, -1)},${flag}}`;
}

export async function pullPage(db: Queryable, collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number): Promise<PullPage> {
  return runPull(db, pullSql(collection, who, since, limit), since);
}

/** The same pull as parsed documents (tests, and callers that need objects). */
export async function pullChanges(db: Queryable, collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number): Promise<PullResult> {
  return (await pullPage(db, collection, who, since, limit)).toResult();
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
