import type { Db } from '../storage/db';
import { CHANGES_CHANNEL, REVOCATIONS_CHANNEL } from '../storage/changes';

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
 */
export class StreamHub {
  private readonly streams = new Set<LiveStream>();
  private readonly stops: Array<() => Promise<void>> = [];

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
    for (const s of this.streams) if (s.collection === collection) s.wake();
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
