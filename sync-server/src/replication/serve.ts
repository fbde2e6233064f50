import type { ServerContext } from '../context';
import type { Principal } from '../auth/principal';
import { pullSql, runPull, type Checkpoint, type PullPage } from './pull';
import type { CollectionName } from './collections';

/**
 * Pages read ahead of a paginating client: the database works on the next while it reads one.
 * Two were tried as well, with no clear gain on a loaded two-core machine (the database, the
 * server and the client share the cores).
 */
const READ_AHEAD = 1;

function readAhead(ctx: ServerContext, collection: CollectionName, who: Principal, after: Checkpoint, limit: number, depth: number): void {
  if (depth <= 0) return;
  const query = pullSql(collection, who, after, limit);
  void ctx.prefetch.start(query, () => runPull(ctx.db, query, after))?.then((page) => {
    if (page.rows.length === limit && page.checkpoint) readAhead(ctx, collection, who, page.checkpoint, limit, depth - 1);
  }, () => undefined);
}

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
    page = (await ctx.prefetch.takeFull(query, limit)) ?? await runPull(ctx.db, query, since);
    // A full page means the client will ask for the next one: read the next pages now, while
    // the client reads this one (see prefetch.ts for why an early page is still a correct one).
    if (query && page.rows.length === limit && page.checkpoint) readAhead(ctx, collection, who, page.checkpoint, limit, READ_AHEAD);
  }
  ctx.metrics.pulled.inc({ collection }, page.rows.length);
  if (who.kind === 'user' && PERSONAL.has(collection) && page.rows.length > 0) {
    await ctx.readAudit.record(who, collection, page.caseIds());
  }
  return page;
}
