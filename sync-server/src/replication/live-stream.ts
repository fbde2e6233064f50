import type { ServerResponse } from 'node:http';
import type { ServerContext } from '../context';
import type { Principal } from '../auth/principal';
import { principalForToken } from '../auth/principal';
import { apiError, type ApiError } from '../errors';
import { toApiError } from '../http-errors';
import { servePull } from './serve';
import type { CollectionName } from './collections';
import type { LiveStream } from './stream-hub';
import type { Checkpoint } from './pull';

const BATCH = 200;

export interface LiveStreamOptions { collection: CollectionName; who: Principal; token: string; checkpoint: Checkpoint; resyncFirst: boolean }

/**
 * One open pull-stream. On every wake-up it pulls from its own checkpoint, in its own scope,
 * until nothing is left, and writes `{documents, checkpoint}` events; wake-ups that arrive
 * while it pulls are folded into one more round. A heartbeat comment every HEARTBEAT_MS also
 * re-checks the token, so a revocation whose NOTIFY was lost still ends the stream.
 */
export class LiveStreamConnection implements LiveStream {
  readonly collection: CollectionName;
  readonly principalId: string;
  private checkpoint: Checkpoint;
  private ended = false;
  private pumping = false;
  private dirty = true;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly remove: () => void;

  constructor(private readonly ctx: ServerContext, private readonly raw: ServerResponse, private readonly opts: LiveStreamOptions) {
    this.collection = opts.collection;
    this.principalId = opts.who.id;
    this.checkpoint = opts.checkpoint;
    this.heartbeat = setInterval(() => this.beat(), ctx.config.HEARTBEAT_MS);
    this.remove = ctx.hub.add(this);
    raw.on('close', () => this.close());
    if (opts.resyncFirst) this.resync();
    void this.pump();
  }

  wake(): void {
    this.dirty = true;
    void this.pump();
  }

  resync(): void {
    this.send('RESYNC');
  }

  end(reason: 'revoked' | 'shutdown'): void {
    this.close(reason === 'revoked' ? apiError('DEVICE_REVOKED') : apiError('UNAVAILABLE'));
  }

  private send(data: unknown, event?: string): void {
    this.sendRaw(JSON.stringify(data), event);
  }

  /** `json` is one line of JSON text (documents are stored as JSON.stringify wrote them, storage/json-text.ts: never a raw newline). */
  private sendRaw(json: string, event?: string): void {
    if (!this.ended) this.raw.write(`${event ? `event: ${event}\n` : ''}data: ${json}\n\n`);
  }

  private close(err?: ApiError): void {
    if (this.ended) return;
    if (err) this.send(err.toTransferable(), 'error');
    this.ended = true;
    clearInterval(this.heartbeat);
    this.remove();
    this.raw.end();
  }

  private beat(): void {
    principalForToken(this.ctx.db, this.opts.token).then(
      () => { if (!this.ended) this.raw.write(': heartbeat\n\n'); },
      (err: unknown) => this.close(toApiError(err)),
    );
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.ended) return;
    this.pumping = true;
    try {
      while (this.dirty && !this.ended) {
        this.dirty = false;
        const page = await servePull(this.ctx, this.collection, this.opts.who, this.checkpoint, BATCH, true);
        if (page.rows.length > 0 && page.checkpoint) {
          this.checkpoint = page.checkpoint;
          this.sendRaw(page.json);
        }
        if (page.rows.length === BATCH) this.dirty = true;
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'live stream pull failed; asking the client to resync');
      this.resync();
    } finally {
      this.pumping = false;
    }
  }
}
