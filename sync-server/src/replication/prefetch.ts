import type { PullPage, PullSql } from './pull';

const TTL_MS = 10_000;

/**
 * Read-ahead for checkpointed pulls. A client catching up asks for page after page; when a
 * pull returns a full page, the server starts the query for the page after it at once, so the
 * database works while the client is still reading, and the client's next request takes the
 * result instead of querying again.
 *
 * Why an early *full* page is a correct page: it is exactly the answer a pull at the moment the
 * query ran would have given, and commit order equals sequence order (storage/changes.ts), so
 * any row committed after that moment has a larger sequence than every row the page could
 * contain, and the client, seeing a full page, asks again and gets it.
 *
 * An early page that is not full is never served (`takeFull`): the client would take it as the
 * end of its catch-up. RxDB drops every live-stream event that reached it before its last pull
 * request, trusting that request to hold those changes; a page read before such a change
 * committed did not, and the change stayed missing until the client's next pull (a desk
 * catching up more than one page while others write; test/replication.test.ts writes between
 * a full page and the next request). So the last page of a catch-up is always read when its
 * request arrives, after every change the client may have heard of (a stream event is sent
 * after its commit).
 *
 * The key is the query's SQL text and parameters (collection, the reader's scope as SQL,
 * checkpoint, limit), so a page is only handed to a request whose own query is identical; the
 * request itself was authenticated as usual, and the audit of the read happens when the page is
 * served, not when it was read ahead.
 * Entries expire after TTL_MS and at most `max` are kept (oldest dropped), bounding memory.
 */
export class PullPrefetch {
  private readonly entries = new Map<string, { page: Promise<PullPage>; at: number }>();

  constructor(private readonly max = 8, private readonly now: () => number = Date.now) {}

  /** Starts `run` for `query` unless it is already running or done; returns the page to come. */
  start(query: PullSql | null, run: () => Promise<PullPage>): Promise<PullPage> | undefined {
    if (!query) return undefined;
    const key = keyOf(query);
    const known = this.entries.get(key);
    if (known) return known.page;
    const page = run();
    page.catch(() => { this.entries.delete(key); }); // a failed read-ahead is simply not used
    this.entries.set(key, { page, at: this.now() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return page;
  }

  /**
   * The read-ahead page for exactly this query if it is fresh and full (`limit` rows), else
   * undefined: the caller then reads the page itself (see above why a short page is not used).
   */
  async takeFull(query: PullSql | null, limit: number): Promise<PullPage | undefined> {
    const early = this.take(query);
    if (!early) return undefined;
    const page = await early.catch(() => undefined); // a failed read-ahead is simply not used
    return page && page.rows.length === limit ? page : undefined;
  }

  /** The read-ahead page for exactly this query, if there is a fresh one (used once). */
  take(query: PullSql | null): Promise<PullPage> | undefined {
    if (!query) return undefined;
    const key = keyOf(query);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return this.now() - entry.at <= TTL_MS ? entry.page : undefined;
  }
}

const keyOf = (query: PullSql): string => JSON.stringify([query.sql, query.values]);
