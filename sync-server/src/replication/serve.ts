import type { ServerContext } from '../context';
import type { Principal } from '../auth/principal';
import { appendAudit } from '../audit/audit-log';
import { pullChanges, type Checkpoint, type PullResult } from './pull';
import type { CollectionName } from './collections';

/** Collections whose documents carry a person's data: a staff read of them is audited. */
const PERSONAL: ReadonlySet<CollectionName> = new Set(['cases', 'caseEvents']);

/** A pull as the API serves it: scoped rows, counted, and audited when staff read personal data. */
export async function servePull(ctx: ServerContext, collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number): Promise<PullResult> {
  const result = await pullChanges(ctx.db, collection, who, since, limit);
  ctx.metrics.pulled.inc({ collection }, result.documents.length);
  if (who.kind === 'user' && PERSONAL.has(collection) && result.documents.length > 0) {
    const caseIds = [...new Set(result.documents.map((d) => String(d.caseId)))];
    // One entry per 30 cases keeps each entry's details small and every case id on record.
    await ctx.db.transaction(async (tx) => {
      for (let i = 0; i < caseIds.length; i += 30) {
        const chunk = caseIds.slice(i, i + 30);
        await appendAudit(tx, { actor: who, action: 'read', regionCode: who.regionCode, target: collection, details: { caseIds: chunk.join(','), count: chunk.length } }, ctx.now());
      }
    });
    ctx.metrics.auditEntries.inc({ action: 'read' }, Math.ceil(caseIds.length / 30));
  }
  return result;
}
