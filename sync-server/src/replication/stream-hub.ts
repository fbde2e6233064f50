import type { Db } from '../storage/db';
import { CHANGES_CHANNEL, REVOCATIONS_CHANNEL } from '../storage/changes';
import type { PullPage, PullSql } from './pull';

/** One open pull-stream, as the hub sees it. */
export interface LiveStream {
  collection: string;
  principalId: string;
  /** New rows may exist: pull from the stream's checkpoint. */
  wake(): void;
  /** Notifications may have been lost: tell the client to RESYNC. */
  resync(): void;
  /** Close now (revoked, or the server is shutting down). */
  end(reason: 'revoked' | 'shutdown'): void;
}

/**
 * Fans committed changes out to the live streams of this instance. Writers NOTIFY inside
 * their transaction (delivered at COMMIT); every instance LISTENs, so a push to one instance
 * reaches streams on all of them. The payload only names the collection: each stream pulls
 * from its own checkpoint within its own scope, so nothing leaks and nothing is skipped.
 *
 * Streams that would run the very same pull share one query (sharedPull): the key is the
 * query's SQL text and parameter values, which encode the collection, the caller's scope (as
 * the SQL scope rules render it for that principal), the checkpoint and the limit — the same
 * text and values select the same rows, so a stream only ever receives what its own query
 * would have returned. A pull is shared only among streams that asked for it after the latest
 * change notification of its collection (the key carries a generation bumped before streams
 * are woken), so no stream joins a query that started before the change it was woken for.
 */
export class StreamHub {
  private readonly streams = new Set<LiveStream>();
  private readonly stops: Array<() => Promise<void>> = [];
  private readonly inFlight = new Map<string, Promise<PullPage>>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.stops.push(await this.db.listen(CHANGES_CHANNEL, (c) => this.wake(c), () => this.resyncAll()));
    this.stops.push(await this.db.listen(REVOCATIONS_CHANNEL, (id) => this.kick(id), () => this.resyncAll()));
  }

  get size(): number {
    return this.streams.size;
  }

  add(stream: LiveStream): () => void {
    this.streams.add(stream);
    return () => { this.streams.delete(stream); };
  }

  wake(collection: string): void {
    this.generations.set(collection, (this.generations.get(collection) ?? 0) + 1);
    for (const s of this.streams) if (s.collection === collection) s.wake();
  }

  /** Runs `run` for `query`, or joins the identical pull already running since the last wake-up. */
  sharedPull(collection: string, query: PullSql, run: () => Promise<PullPage>): Promise<PullPage> {
    const key = JSON.stringify([collection, this.generations.get(collection) ?? 0, query.sql, query.values]);
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = run().finally(() => { this.inFlight.delete(key); });
    this.inFlight.set(key, started);
    return started;
  }

  kick(principalId: string): void {
    for (const s of [...this.streams]) if (s.principalId === principalId) s.end('revoked');
  }

  resyncAll(): void {
    for (const s of this.streams) s.resync();
  }

  /** Ends every stream (clients reconnect to another instance) and stops listening. */
  async drain(): Promise<void> {
    for (const s of [...this.streams]) s.end('shutdown');
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
  }
}
