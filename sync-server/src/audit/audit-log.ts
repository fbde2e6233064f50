import { ulid } from 'ulid';
import type { Db, Queryable } from '../storage/db';
import { lockCounters, notifyChanges, seqRangeCte } from '../storage/changes';
import { sha256Hex } from '../auth/tokens';
import { AUDIT_GENESIS_HASH, hashAuditEntry, type AuditEntry } from '../domain';
import type { Principal } from '../auth/principal';

/** The server's own chain. Devices and desks that record offline push chains of their own. */
export const SERVER_WRITER = 'sync-server';

type Detail = string | number | boolean | null;

export interface AuditInput {
  actor: Pick<Principal, 'id' | 'role'> | { id: string; role: 'system' };
  action: string;
  regionCode: string;
  target?: string;
  details?: Record<string, Detail>;
}

async function chainHead(tx: Queryable, writer: string): Promise<{ seq: number; hash: string }> {
  const [row] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE writer = $1 ORDER BY seq DESC LIMIT 1', [writer]);
  return row ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
}

async function insertEntry(tx: Queryable, entry: AuditEntry): Promise<void> {
  await insertEntries(tx, [entry]);
}

/** Inserts entries (whose auditLog counter this transaction has locked) in one statement, numbered in order. */
async function insertEntries(tx: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `WITH ${seqRangeCte(`'auditLog'`, '$1')}
     INSERT INTO audit_log (writer, seq, id, change_seq, region_code, entry, prev_hash, hash)
     SELECT r.writer, r.seq, r.id, seq.base + r.n, r.region_code, r.entry::jsonb, r.prev_hash, r.hash
       FROM seq, unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                 WITH ORDINALITY AS r(writer, seq, id, region_code, entry, prev_hash, hash, n)`,
    [entries.length, entries.map((e) => e.writer), entries.map((e) => e.seq), entries.map((e) => e.id), entries.map((e) => e.regionCode),
      entries.map((e) => JSON.stringify(e)), entries.map((e) => e.prevHash), entries.map((e) => e.hash)]);
}

/**
 * Appends one entry to the server's chain inside `tx`. Locking the auditLog counter row
 * serialises appenders across instances, so each entry links to the true previous hash.
 */
export async function appendAudit(tx: Queryable, input: AuditInput, at: Date): Promise<AuditEntry> {
  const [entry] = await appendAudits(tx, [input], at);
  return entry!;
}

/**
 * Appends several entries to the server's chain inside `tx`, in order, each linked to the one
 * before: one lock of the auditLog counter, one read of the chain head, one insert.
 */
export async function appendAudits(tx: Queryable, inputs: readonly AuditInput[], at: Date): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  await lockCounters(tx, ['auditLog']);
  let head = await chainHead(tx, SERVER_WRITER);
  const entries: AuditEntry[] = [];
  for (const input of inputs) {
    const body = {
      id: ulid(at.getTime()),
      writer: SERVER_WRITER,
      seq: head.seq + 1,
      at: at.toISOString(),
      actorId: input.actor.id,
      action: input.action,
      target: input.target ?? '',
      regionCode: input.regionCode,
      details: { role: input.actor.role, ...input.details },
    };
    const entry: AuditEntry = { ...body, prevHash: head.hash, hash: hashAuditEntry(body, head.hash, sha256Hex) };
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  await insertEntries(tx, entries);
  await notifyChanges(tx, ['auditLog']);
  return entries;
}

/** Appends in a transaction of its own. */
export function audit(db: Db, input: AuditInput, at: Date): Promise<AuditEntry> {
  return db.transaction((tx) => appendAudit(tx, input, at));
}

export type ChainVerdict = 'ok' | 'repeat' | 'conflict' | 'broken';

/**
 * Stores an entry a device or desk pushed from its own chain. The same entry again is a
 * no-op; a different entry under a known id or position is a conflict; an entry that does
 * not continue its writer's chain (wrong seq, prevHash or hash) is refused.
 */
export async function appendPushedEntry(tx: Queryable, entry: AuditEntry): Promise<{ verdict: ChainVerdict; master?: AuditEntry }> {
  const [known] = await tx.query<{ entry: AuditEntry }>('SELECT entry FROM audit_log WHERE id = $1 OR (writer = $2 AND seq = $3) LIMIT 1', [entry.id, entry.writer, entry.seq]);
  if (known) return JSON.stringify(known.entry.hash) === JSON.stringify(entry.hash) && known.entry.id === entry.id ? { verdict: 'repeat' } : { verdict: 'conflict', master: known.entry };
  const head = await chainHead(tx, entry.writer);
  if (entry.seq !== head.seq + 1 || entry.prevHash !== head.hash || hashAuditEntry(entry, head.hash, sha256Hex) !== entry.hash) return { verdict: 'broken' };
  await insertEntry(tx, entry);
  return { verdict: 'ok' };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  writers: number;
  firstBroken?: { writer: string; seq: number; id: string; reason: 'hash' | 'link' | 'seq' };
}

interface ChainRow { writer: string; seq: number; id: string; entry: AuditEntry; prev_hash: string; hash: string }

/**
 * Recomputes every writer's chain, page by page in (writer, seq) order, and reports the first
 * row whose hash, link to its predecessor, or position is wrong. A changed field, a changed
 * hash column, a deleted row and an inserted row all break it.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 1000): Promise<VerifyResult> {
  let cursor = { writer: '', seq: 0 };
  let state = { writer: '', seq: 0, hash: AUDIT_GENESIS_HASH };
  let checked = 0;
  const writers = new Set<string>();
  for (;;) {
    const rows = await db.query<ChainRow>(
      'SELECT writer, seq, id, entry, prev_hash, hash FROM audit_log WHERE (writer, seq) > ($1, $2) ORDER BY writer, seq LIMIT $3',
      [cursor.writer, cursor.seq, pageSize]);
    for (const row of rows) {
      if (row.writer !== state.writer) state = { writer: row.writer, seq: 0, hash: AUDIT_GENESIS_HASH };
      writers.add(row.writer);
      const broken = checkRow(row, state);
      if (broken) return { ok: false, checked, writers: writers.size, firstBroken: { writer: row.writer, seq: row.seq, id: row.id, reason: broken } };
      state = { writer: row.writer, seq: row.seq, hash: row.hash };
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked, writers: writers.size };
    const last = rows[rows.length - 1]!;
    cursor = { writer: last.writer, seq: last.seq };
  }
}

function checkRow(row: ChainRow, prev: { seq: number; hash: string }): 'hash' | 'link' | 'seq' | null {
  const e = row.entry;
  if (row.seq !== prev.seq + 1 || e.seq !== row.seq || e.writer !== row.writer || e.id !== row.id) return 'seq';
  if (row.prev_hash !== prev.hash || e.prevHash !== prev.hash) return 'link';
  const recomputed = hashAuditEntry(e, prev.hash, sha256Hex);
  return recomputed === row.hash && e.hash === row.hash ? null : 'hash';
}
