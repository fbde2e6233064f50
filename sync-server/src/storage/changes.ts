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

/** Announces committed changes to every instance (delivered at COMMIT, dropped on ROLLBACK). */
export async function notifyChanges(tx: Queryable, collections: readonly string[]): Promise<void> {
  for (const c of new Set(collections)) await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, c]);
}
