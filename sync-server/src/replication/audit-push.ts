import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { apiError } from '../errors';
import { lockCounters, notifyChanges } from '../storage/changes';
import { appendPushedEntry } from '../audit/audit-log';
import { AuditEntry, stableStringify } from '../domain';
import type { PushRow } from './push';
import { splitDoc } from './collections';
import type { Doc } from './pull';

/** Validates pushed audit entries: each must belong to the caller's own chain. */
export function validateAuditEntries(who: Principal, rows: PushRow[]): AuditEntry[] {
  return rows.map((row, index) => {
    const { body } = splitDoc(row.newDocumentState);
    const parsed = AuditEntry.safeParse(body);
    if (!parsed.success || stableStringify(parsed.data) !== stableStringify(body)) {
      throw apiError('INVALID_DOCUMENT', { index, issues: parsed.success ? [{ path: '', message: 'unknown fields' }] : parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    if (parsed.data.writer !== who.id) throw apiError('FORBIDDEN', { index, reason: 'a writer pushes only its own audit chain' });
    return parsed.data;
  });
}

/** Appends a device's or desk's own audit chain, in order, in one transaction. */
export async function pushAuditEntries(tx: Queryable, entries: AuditEntry[]): Promise<Doc[]> {
  await lockCounters(tx, ['auditLog']);
  const conflicts: Doc[] = [];
  let written = 0;
  for (const [index, entry] of [...entries].sort((a, b) => a.seq - b.seq).entries()) {
    const res = await appendPushedEntry(tx, entry);
    if (res.verdict === 'broken') throw apiError('INVALID_DOCUMENT', { index, reason: 'the entry does not continue its writer\'s hash chain' });
    if (res.verdict === 'conflict' && res.master) conflicts.push({ ...res.master, _deleted: false });
    if (res.verdict === 'ok') written += 1;
  }
  if (written > 0) await notifyChanges(tx, ['auditLog']);
  return conflicts;
}
