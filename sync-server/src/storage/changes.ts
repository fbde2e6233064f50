import type { Queryable } from './db';

/**
 * The change sequence — why a pull never skips a committed row.
 *
 * Every replicated collection has one counter row in `change_counters`. A writing transaction
 * first locks the counter rows it needs (SELECT … FOR UPDATE, always in name order, so two
 * writers can never deadlock), then takes sequence numbers from them, writes its rows with
 * those numbers, and commits. The row lock is held until COMMIT, so the next writer of the
 * same collection waits, and takes its numbers only after the earlier writer committed.
 * Hence commit order = sequence order: whenever a reader sees a row with sequence s, every
 * row with a smaller sequence is already committed and visible to it too. A pull that says
 * "everything after s" therefore never misses a row that commits late — the failure that
 * timestamp checkpoints or plain sequences (nextval) have, where a transaction holding a
 * smaller number commits after a reader has already moved past it.
 *
 * The price is that writers of one collection serialise on their counter row for the short
 * span between lockCounters and COMMIT; reads never wait. On PGlite there is one connection
 * and transactions are serialised anyway.
 *
 * The sequence is the `updatedAt` of RxDB's checkpoint {id, updatedAt}.
 *
 * Batched writers (case-events.ts, push.ts) take the lock and a whole range of numbers in the
 * same statement as their multi-row INSERT (`seqRangeCte`): the UPDATE of the counter row
 * locks it (waiting for an earlier writer's COMMIT, then re-reading the row, so RETURNING
 * gives the committed value plus ours) and the INSERT numbers its rows from it. The rule is
 * unchanged: the lock is taken before the numbers and held until COMMIT. Whatever such a writer
 * reads or checks, it does before this statement, under locks of its own that make those reads
 * still true when it writes (see case-events.ts), so the counter is held only for the writes.
 * A writer that needs two counters takes them in name order, as lockCounters does.
 */
export async function lockCounters(tx: Queryable, collections: readonly string[]): Promise<void> {
  const names = [...new Set(collections)].sort();
  await tx.query('SELECT collection FROM change_counters WHERE collection = ANY($1::text[]) ORDER BY collection FOR UPDATE', [names]);
}

/** Takes `count` sequence numbers for a collection whose counter this transaction has locked; returns the first. */
export async function takeSeq(tx: Queryable, collection: string, count = 1): Promise<number> {
  const rows = await tx.query<{ seq: number }>('UPDATE change_counters SET seq = seq + $2 WHERE collection = $1 RETURNING seq', [collection, count]);
  const last = rows[0]?.seq;
  if (last === undefined) throw new Error(`no change counter for ${collection}`);
  return last - count + 1;
}

export const CHANGES_CHANNEL = 'onetrip_changes';
export const REVOCATIONS_CHANNEL = 'onetrip_revocations';

/**
 * A CTE named `seq` that locks `collection`'s counter row, takes `count` numbers and yields
 * `base` (the first number minus one): rows are numbered `seq.base + n` for n = 1…count.
 * `collectionParam` and `countParam` are the statement's placeholders for the two values.
 */
export function seqRangeCte(collectionParam: string, countParam: string): string {
  return `seq AS (UPDATE change_counters SET seq = seq + ${countParam}::bigint WHERE collection = ${collectionParam}
                  RETURNING seq - ${countParam}::bigint AS base)`;
}

/** The SQL that announces changes of the collections in `$n` (a text[]) — to embed in a batch statement. */
export function notifySql(channelParam: string, collectionsParam: string): string {
  return `SELECT pg_notify(${channelParam}, c) FROM unnest(${collectionsParam}::text[]) AS c`;
}

/** Announces committed changes to every instance (delivered at COMMIT, dropped on ROLLBACK). */
export async function notifyChanges(tx: Queryable, collections: readonly string[]): Promise<void> {
  await tx.query(notifySql('$1', '$2'), [CHANGES_CHANNEL, [...new Set(collections)]]);
}
