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
  let page: PullPage;
  if (shared && query) {
    page = await ctx.hub.sharedPull(collection, query, () => { ctx.metrics.livePulls.inc({ collection }); return runPull(ctx.db, query, since); });
  } else {
    page = await (ctx.prefetch.take(query) ?? runPull(ctx.db, query, since));
    // A full page means the client will ask for the next one: run that query now, while the
    // client reads this page (see prefetch.ts for why an early page is still a correct one).
    if (query && page.rows.length === limit && page.checkpoint) {
      const next = pullSql(collection, who, page.checkpoint, limit);
      const after = page.checkpoint;
      ctx.prefetch.start(next, () => runPull(ctx.db, next, after));
    }
  }
  ctx.metrics.pulled.inc({ collection }, page.rows.length);
  if (who.kind === 'user' && PERSONAL.has(collection) && page.rows.length > 0) {
    await ctx.readAudit.record(who, collection, page.caseIds());
  }
  return page;
}
