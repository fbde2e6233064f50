import type { ServerContext } from '../context';
import type { Principal } from '../auth/principal';
import { pullSql, runPull, type Checkpoint, type PullPage } from './pull';
import type { CollectionName } from './collections';

/** Collections whose documents carry a person's data: a staff read of them is audited. */
const PERSONAL: ReadonlySet<CollectionName> = new Set(['cases', 'caseEvents']);

/**
 * A pull as the API serves it: scoped rows, counted, and — when staff read personal data —
 * audited before the page is handed back (audit/read-audit.ts: the read's entry has committed
 * by the time this resolves). With `shared`, a live stream's pull joins an identical pull
 * already running for another stream (StreamHub.sharedPull); the audit is still per reader.
 */
export async function servePull(ctx: ServerContext, collection: CollectionName, who: Principal, since: Checkpoint | null, limit: number, shared = false): Promise<PullPage> {
  const query = pullSql(collection, who, since, limit);
  const page = shared && query
    ? await ctx.hub.sharedPull(collection, query, () => { ctx.metrics.livePulls.inc({ collection }); return runPull(ctx.db, query, since); })
    : await runPull(ctx.db, query, since);
  ctx.metrics.pulled.inc({ collection }, page.rows.length);
  if (who.kind === 'user' && PERSONAL.has(collection) && page.rows.length > 0) {
    await ctx.readAudit.record(who, collection, page.caseIds());
  }
  return page;
}
