// Blobs (material photos, face photos, signatures) on the device: stored locally with the
// bytes encrypted, addressed by SHA-256, and uploaded to PUT /api/v1/blobs/:sha256.
// An upload is idempotent (same hash, same bytes); after an interruption (offline, a closed
// app) the queue is still in the local database and resumes on the next run. Before sending
// bytes the store asks the server whether it already has the blob (GET …/blobs/:sha256 with
// a HEAD request), so a retried upload whose acknowledgement was lost costs no bytes.
import { BehaviorSubject, filter, firstValueFrom, map, of } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { HttpClient } from './http-client';
import { errorFromResponse } from './http-client';
import { base64ToBytes, bytesToBase64, sha256Hex } from './field-crypto';
import { replicaError, toReplicaError } from './errors';
import type { SyncTracker } from './status';
import { backoffDelay } from './timers';
import type { Backoff, Timers } from './timers';

type Doc = Record<string, unknown>;

export const MAX_BLOB_BYTES = 20 * 1024 * 1024;

export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: string;
}

export interface BlobStore {
  /** Stores bytes locally (encrypted at rest) and queues the upload; returns the reference. */
  put(bytes: Uint8Array, mediaType: string): Promise<StoredBlob>;
  /** The bytes, from the device or else from the server. */
  get(sha256: string): Promise<Uint8Array>;
  isUploaded(sha256: string): Promise<boolean>;
  /** Blobs waiting to be uploaded. */
  readonly pending$: Observable<number>;
  /** Runs the upload queue now (after reconnecting); resolves when it has tried every blob. */
  uploadPending(): Promise<void>;
  /** Resolves once nothing is waiting to be uploaded. */
  awaitUploaded(): Promise<void>;
  close(): void;
}

export interface BlobStoreOptions {
  collection: RxCollection<Doc> | undefined;
  client: HttpClient;
  tracker: SyncTracker;
  timers: Timers;
  random: () => number;
  backoff?: Backoff;
  /** A kiosk keeps no photo once the server has it: the bytes are dropped after the upload. */
  dropAfterUpload?: boolean;
}

async function uploadOne(client: HttpClient, doc: Doc): Promise<void> {
  const sha = doc.id as string;
  const head = await client.request('HEAD', `/blobs/${sha}`);
  if (head.ok) return; // the server has it already: a retried upload sends nothing
  const bytes = base64ToBytes(doc.data as string);
  const res = await client.request('PUT', `/blobs/${sha}`, {
    body: bytes as unknown as BodyInit, headers: { 'content-type': String(doc.mediaType) },
  });
  if (!res.ok) throw await errorFromResponse(res);
  await res.body?.cancel();
}

export function createBlobStore(options: BlobStoreOptions): BlobStore {
  const { collection, client, tracker, timers, random } = options;
  const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
  // -1 until the first count arrives, so awaitUploaded() never resolves on a guess
  const pendingCount$ = new BehaviorSubject(collection ? -1 : 0);
  let running: Promise<void> | undefined;
  let attempt = 0;
  let retry: unknown;
  let closed = false;
  const subs: Subscription[] = [];
  if (collection) {
    subs.push(collection.count({ selector: { uploaded: false } }).$.subscribe((n) => pendingCount$.next(n)));
  }

  const runQueue = async () => {
    if (!collection) return;
    const queue = await collection.find({ selector: { uploaded: false } }).exec();
    for (const doc of queue) {
      if (closed) return;
      await uploadOne(client, doc.toJSON() as Doc);
      await doc.incrementalPatch(options.dropAfterUpload ? { uploaded: true, data: '' } : { uploaded: true });
      tracker.success();
    }
  };

  // A blob stored while the queue runs is not in the run's snapshot: run once more after it
  // (else it waits for a retry or reconnect, and so does every event that references it).
  let again = false;
  const uploadPending = (): Promise<void> => {
    if (running) { again = true; return running; }
    if (retry !== undefined) { timers.clearTimeout(retry); retry = undefined; }
    again = false;
    running = runQueue().then(() => { attempt = 0; }, (error: unknown) => {
      tracker.failure(error);
      if (!closed) retry = timers.setTimeout(() => { retry = undefined; void uploadPending(); }, backoffDelay(attempt++, backoff, random));
    }).finally(() => {
      running = undefined;
      if (again && !closed && retry === undefined) void uploadPending();
    });
    return running;
  };

  if (collection) subs.push(collection.insert$.subscribe(() => void uploadPending()));
  void uploadPending();

  return {
    pending$: collection ? pendingCount$.pipe(filter((n) => n >= 0)) : of(0),
    async put(bytes, mediaType) {
      if (!collection) throw replicaError('REPLICA_STORAGE_FAILED', undefined, 'blobs collection not open');
      if (bytes.byteLength === 0 || bytes.byteLength > MAX_BLOB_BYTES) throw replicaError('REPLICA_BLOB_TOO_LARGE');
      const sha256 = await sha256Hex(bytes);
      const existing = await collection.findOne(sha256).exec();
      if (!existing) {
        await collection.insert({ id: sha256, mediaType, size: bytes.byteLength, data: bytesToBase64(bytes), uploaded: false, createdAt: timers.now() });
      }
      return { sha256, size: bytes.byteLength, mediaType };
    },
    async get(sha256) {
      const local = await collection?.findOne(sha256).exec();
      if (local && typeof local.get('data') === 'string' && local.get('data') !== '') return base64ToBytes(local.get('data') as string);
      const res = await client.request('GET', `/blobs/${sha256}`);
      if (!res.ok) throw await errorFromResponse(res);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if ((await sha256Hex(bytes)) !== sha256) throw replicaError('REPLICA_BLOB_MISMATCH');
      return bytes;
    },
    async isUploaded(sha256) {
      const local = await collection?.findOne(sha256).exec();
      return local?.get('uploaded') === true;
    },
    uploadPending: () => uploadPending().catch((e: unknown) => { throw toReplicaError(e); }),
    async awaitUploaded() {
      await firstValueFrom(pendingCount$.pipe(filter((n) => n === 0), map(() => undefined)));
    },
    close() {
      closed = true;
      if (retry !== undefined) timers.clearTimeout(retry);
      for (const s of subs) s.unsubscribe();
      pendingCount$.complete();
    },
  };
}
