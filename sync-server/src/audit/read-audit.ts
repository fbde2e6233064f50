import type { Db } from '../storage/db';
import type { Principal } from '../auth/principal';
import type { Metrics } from '../metrics';
import { appendAudits, type AuditInput } from './audit-log';

/**
 * Case ids per audit entry: the largest pull page, so one read is one entry (a 100,000-case
 * catch-up writes 100 entries, not 3,400 — the audit was a tenth of the server's time in a
 * catch-up), and every case id stays on record.
 */
export const CASES_PER_ENTRY = 1000;

interface Pending { who: Principal; collection: string; caseIds: readonly string[]; reads: number }

/**
 * The audit of staff reads of personal data, written with group commit.
 *
 * Every read is recorded before its documents leave the server: `record()` resolves only
 * when an audit transaction holding that read has committed, and a caller sends nothing
 * until then (if the audit fails, the read fails). What is batched is the writing: reads
 * recorded while a flush is running, or in the same turn of the event loop, go into the next
 * flush — one transaction with one lock of the audit counter. Identical reads (the same reader,
 * collection and set of cases) are merged into one record whose `reads` says how many reads
 * (pulls, or deliveries to live streams) it stands for; a record is written as entries of up
 * to CASES_PER_ENTRY case ids, each carrying that `reads`. So for every reader and case, the
 * `reads` of the entries naming it add up to the reads that showed it; 1,000 live streams of
 * one desk that receive the same document make one entry (reads: 1000), not 1,000
 * transactions queued on the audit counter; each reader still has entries of their own.
 */
export class ReadAuditor {
  private pending = new Map<string, Pending>();
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private flushing = false;
  private scheduled = false;

  constructor(private readonly db: Db, private readonly metrics: Metrics, private readonly now: () => Date) {}

  /** Records that `who` read these cases of `collection`; resolves once that is committed. */
  record(who: Principal, collection: string, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return Promise.resolve();
    const ids = [...new Set(caseIds)].sort();
    const key = JSON.stringify([who.kind, who.id, who.role, who.regionCode, collection, ids]);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { who, collection, caseIds: ids, reads: 0 };
      this.pending.set(key, entry);
    }
    entry.reads += 1;
    const done = new Promise<void>((resolve, reject) => { this.waiters.push({ resolve, reject }); });
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => { void this.flush(); });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    const batch = [...this.pending.values()];
    const waiters = this.waiters;
    this.pending = new Map();
    this.waiters = [];
    try {
      const inputs = toEntries(batch);
      await this.db.transaction((tx) => appendAudits(tx, inputs, this.now()));
      this.metrics.auditEntries.inc({ action: 'read' }, inputs.length);
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    } finally {
      this.flushing = false;
      if (this.pending.size > 0) this.schedule();
    }
  }
}

function toEntries(batch: readonly Pending[]): AuditInput[] {
  const inputs: AuditInput[] = [];
  for (const p of batch) {
    const ids = p.caseIds;
    for (let i = 0; i < ids.length; i += CASES_PER_ENTRY) {
      const chunk = ids.slice(i, i + CASES_PER_ENTRY);
      inputs.push({
        actor: p.who, action: 'read', regionCode: p.who.regionCode, target: p.collection,
        details: { caseIds: chunk.join(','), count: chunk.length, reads: p.reads },
      });
    }
  }
  return inputs;
}
