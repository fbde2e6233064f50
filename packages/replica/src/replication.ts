// Replication of one collection with the sync server, following RxDB's protocol:
// checkpointed pull in batches, push of [{assumedMasterState, newDocumentState}] answered
// with the conflicting master states, and the live SSE stream (sse-stream.ts).
// Pushes are safe to repeat: every document id is made on the device, and an event the
// server already has comes back as a "conflict" equal to what we sent, which resolves to
// the server's copy.
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { concatMap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { HttpClient } from './http-client';
import { openLiveStream } from './sse-stream';
import type { Checkpoint, LiveStream, StreamItem } from './sse-stream';
import { withoutMarker, type ReplicatedCollection } from './collections';
import type { Backoff, Timers } from './timers';
import { ReplicaError, replicaError } from './errors';
import type { SyncTracker } from './status';

type Doc = Record<string, unknown>;

/** The server's limits per request (sync-server: a pull page of at most 1,000, a push of at most 500). */
const SERVER_MAX = { pull: 1_000, push: 500 } as const;
/**
 * Documents per pull request: the server's largest page. Each request costs the server a
 * fixed share (authentication, scope, a transaction, the audit of the read), so a catch-up
 * in pages of 1,000 waited 2.4 s for 10,000 documents where pages of 200 waited 6–8 s; the
 * storage writes a page in parts of 100 rows, with the main thread given back in between.
 */
const PULL_BATCH = SERVER_MAX.pull;
/** A collection with a live stream is pulled again at most this often (the safety net for a lost notification). */
export const SAFETY_PULL_MIN_MS = 60_000;
const PUSH_BATCH = 100;

/**
 * The batch sizes of a replication: a caller's `batchSize` sets both, but never above what the
 * server accepts — a push of more rows is refused as a whole, which would stop a device that
 * had been offline long enough to hold that many.
 */
export function batchSizes(batchSize?: number): { pull: number; push: number } {
  return {
    pull: Math.min(batchSize ?? PULL_BATCH, SERVER_MAX.pull),
    push: Math.min(batchSize ?? PUSH_BATCH, SERVER_MAX.push),
  };
}

export interface CollectionReplication {
  readonly name: ReplicatedCollection;
  readonly state: RxReplicationState<Doc, Checkpoint>;
  readonly stream: LiveStream | undefined;
  cancel(): Promise<void>;
}

export interface ReplicateOptions {
  collection: RxCollection<Doc>;
  name: ReplicatedCollection;
  client: HttpClient;
  direction: { pull: boolean; push: boolean };
  live: boolean;
  timers: Timers;
  random: () => number;
  backoff?: Backoff;
  batchSize?: number;
  tracker: SyncTracker;
  /** caseEvents of a replica whose scope can widen (a department's reviewer): complete cases that enter it late. */
  completeLateCases?: boolean;
  /** Keep a live stream for this collection (default); a live replication also pulls every `pollMs` (without a stream that is how it learns of changes). */
  stream?: boolean;
  pollMs?: number;
  /** Awaited before each push round: case events wait until the blobs they reference are uploaded. */
  waitBeforePush?: () => Promise<void>;
  /** Called with a pushed document the server refuses for good (403 naming the row). */
  onRefused?: (doc: Doc, error: ReplicaError) => Promise<void>;
  /** Drops a document from the push (returns null) — used by retention for local deletions. */
  skipPush?: (doc: WithDeleted<Doc>) => boolean;
}

function isCheckpoint(value: unknown): value is Checkpoint {
  return typeof value === 'object' && value !== null && typeof (value as Checkpoint).id === 'string'
    && typeof (value as Checkpoint).updatedAt === 'number';
}

/**
 * Back-pressure for the pull. RxDB asks for the next batch as soon as one arrives and writes
 * what piled up meanwhile in one bulk write, so a page that fetches faster than it stores
 * held ever more documents and made ever larger writes (seconds-long tasks at 50,000
 * documents). Before each fetch the gate waits until the batch `ahead` batches back is stored
 * (its last document is in the collection; at most `maxWaitMs`): by default the batch before
 * the latest, so one batch is written while the next is fetched. (Four batches deep was
 * tried: no faster at 50,000 documents, and the convergence property test failed twice in
 * four runs with it, unexplained.)
 */
export function createPullGate(collection: RxCollection<Doc>, timers: Timers, localId: (doc: Doc) => unknown = (doc) => doc.id, ahead = 2, maxWaitMs = 10_000) {
  const recent: string[] = [];
  const stored = async (id: string) => (await collection.storageInstance.findDocumentsById([id], true)).length > 0;
  return {
    async beforeFetch(): Promise<void> {
      const id = recent.length >= ahead ? recent[recent.length - ahead] : undefined;
      if (id === undefined) return;
      const deadline = timers.now() + maxWaitMs;
      while (timers.now() < deadline) {
        let wake: () => void = () => undefined;
        const woken = new Promise<void>((resolve) => { wake = resolve; });
        const sub = collection.$.subscribe(() => wake());
        const handle = timers.setTimeout(() => wake(), 250);
        try {
          if (await stored(id)) return;
          await woken;
        } finally {
          sub.unsubscribe();
          timers.clearTimeout(handle);
        }
      }
    },
    fetched(documents: readonly Doc[]): void {
      const lastDoc = documents[documents.length - 1];
      const last = lastDoc === undefined ? undefined : localId(lastDoc);
      if (typeof last !== 'string') return;
      recent.push(last);
      if (recent.length > ahead) recent.shift();
    },
  };
}

type PullGate = ReturnType<typeof createPullGate>;

function pullHandler(client: HttpClient, name: string, gate?: PullGate) {
  return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
    await gate?.beforeFetch();
    const query = new URLSearchParams({
      updatedAt: String(checkpoint?.updatedAt ?? 0), id: checkpoint?.id ?? '', limit: String(batchSize),
    });
    const body = await client.json<{ documents?: unknown; checkpoint?: unknown }>('GET', `/replication/${name}/pull?${query}`);
    if (!Array.isArray(body.documents)) throw replicaError('REPLICA_BAD_RESPONSE');
    const next = isCheckpoint(body.checkpoint) ? body.checkpoint : checkpoint;
    gate?.fetched(body.documents as Doc[]);
    return { documents: body.documents as WithDeleted<Doc>[], checkpoint: next };
  };
}

/**
 * A case can enter a replica's scope after the replica's checkpoint has passed its first
 * events: a city reviewer's desk is open when a township forwards a case to its department,
 * and the pull brings only the `forwarded` event and what follows. Without the rest the case
 * cannot be folded, shown or acted on. So when a pulled batch of case events holds a case
 * with no `submitted` event (neither here nor in the batch), the pull also fetches that case's
 * earlier events: a scan of the caller's scope from the start up to the batch's checkpoint
 * (the server filters by scope, so for a reviewer this is its department's cases). They are
 * returned with the batch as master states, so they are stored, never pushed. A live-stream
 * batch with such a case becomes a RESYNC, so the same pull handles it. Only replicas whose
 * scope can widen do this: a city reviewer's (by department); a region's scope never widens.
 * (A server that re-stamps a case's events when its scope widens would make this a no-op.)
 */
async function casesWithoutStart(collection: RxCollection<Doc>, docs: readonly Doc[]): Promise<Set<string>> {
  const started = new Set(docs.filter((d) => d.type === 'submitted').map((d) => d.caseId));
  const candidates = [...new Set(docs.map((d) => d.caseId).filter((c): c is string => typeof c === 'string' && !started.has(c)))];
  if (candidates.length === 0) return new Set();
  const local = await collection.find({ selector: { caseId: { $in: candidates }, type: 'submitted' } }).exec();
  const known = new Set(local.map((d) => d.get('caseId') as string));
  return new Set(candidates.filter((c) => !known.has(c)));
}

const HISTORY_PAGE = 500;
const HISTORY_MAX_PAGES = 2_000;

async function earlierEvents(client: HttpClient, name: string, caseIds: ReadonlySet<string>, until: Checkpoint | undefined): Promise<Doc[]> {
  const found: Doc[] = [];
  let at: Checkpoint | undefined;
  for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
    const query = new URLSearchParams({ updatedAt: String(at?.updatedAt ?? 0), id: at?.id ?? '', limit: String(HISTORY_PAGE) });
    const body = await client.json<{ documents?: unknown; checkpoint?: unknown }>('GET', `/replication/${name}/pull?${query}`);
    if (!Array.isArray(body.documents)) throw replicaError('REPLICA_BAD_RESPONSE');
    for (const d of body.documents as Doc[]) if (caseIds.has(d.caseId as string)) found.push(d);
    if (body.documents.length < HISTORY_PAGE || !isCheckpoint(body.checkpoint)) break;
    at = body.checkpoint;
    if (until && at.updatedAt >= until.updatedAt) break;
  }
  return found;
}

type PullFn = ReturnType<typeof pullHandler>;

function completingPull(collection: RxCollection<Doc>, client: HttpClient, name: string, pull: PullFn): PullFn {
  return async (checkpoint, batchSize) => {
    const batch = await pull(checkpoint, batchSize);
    const missing = await casesWithoutStart(collection, batch.documents);
    if (missing.size === 0) return batch;
    const ids = new Set(batch.documents.map((d) => d.id));
    const earlier = (await earlierEvents(client, name, missing, batch.checkpoint)).filter((d) => !ids.has(d.id));
    return { documents: [...(earlier as WithDeleted<Doc>[]), ...batch.documents], checkpoint: batch.checkpoint };
  };
}

function completingStream(collection: RxCollection<Doc>, items$: Observable<StreamItem>): Observable<StreamItem> {
  return items$.pipe(concatMap(async (item): Promise<StreamItem> => {
    if (item === 'RESYNC') return item;
    try {
      return (await casesWithoutStart(collection, item.documents)).size > 0 ? 'RESYNC' : item;
    } catch (_closing) {
      return 'RESYNC'; // a resync never loses anything, and the stream must not end with an error
    }
  }));
}

/**
 * A step the server refuses for good (its fold says no: the case needs a decision, another
 * device got there first) must not block the rest of the queue: RxDB would retry the batch
 * forever. The server names the refused row (`index`); it is handed to `onRefused` (which
 * drops it locally and reports it) and the rest is pushed again.
 */
function pushHandler(client: HttpClient, name: string, onRefused?: (doc: Doc, error: ReplicaError) => Promise<void>) {
  return async (rows: RxReplicationWriteToMasterRow<Doc>[]) => {
    let pending = rows;
    while (pending.length > 0) {
      try {
        const conflicts = await client.json<unknown>('POST', `/replication/${name}/push`, pending);
        if (!Array.isArray(conflicts)) throw replicaError('REPLICA_BAD_RESPONSE');
        return conflicts as WithDeleted<Doc>[];
      } catch (error) {
        const index = error instanceof ReplicaError && error.status === 403 ? error.body?.index : undefined;
        const refused = typeof index === 'number' ? pending[index] : undefined;
        if (!onRefused || !refused) throw error;
        await onRefused(refused.newDocumentState as Doc, error as ReplicaError);
        pending = pending.filter((row) => row !== refused);
      }
    }
    return [];
  };
}

/**
 * The server keys items and regions by `code` (the catalogue's and the region tree's own
 * identifiers); every local collection's primary key is `id`. A pulled document gets its `id`
 * from its code, and a pushed one leaves it behind, so the server sees exactly its schema.
 */
const keyedByCode: ReadonlySet<string> = new Set(['items', 'regions']);
const withLocalKey = (doc: WithDeleted<Doc>): WithDeleted<Doc> => ({ ...doc, id: doc.code });
function withoutLocalKey(doc: WithDeleted<Doc>): WithDeleted<Doc> {
  const { id: _id, ...rest } = doc;
  return rest as WithDeleted<Doc>;
}

/** The conflicts a push returns are master states too: they get their local key like pulled ones. */
const withLocalKeys = <A extends unknown[]>(fn: (...args: A) => Promise<WithDeleted<Doc>[]>) =>
  async (...args: A): Promise<WithDeleted<Doc>[]> => (await fn(...args)).map(withLocalKey);

function tracked<A extends unknown[], R>(tracker: SyncTracker, fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      const result = await fn(...args);
      tracker.success();
      return result;
    } catch (error) {
      tracker.failure(error);
      throw error;
    }
  };
}

export function replicateCollection(options: ReplicateOptions): CollectionReplication {
  const { collection, name, client, live, direction } = options;
  const stream = live && direction.pull && options.stream !== false
    ? openLiveStream({ client, collection: name, timers: options.timers, random: options.random, ...(options.backoff ? { backoff: options.backoff } : {}) })
    : undefined;
  const completing = name === 'caseEvents' && options.completeLateCases === true;
  // the gate looks for the last pulled document under its local key (items and regions: their code)
  const basePull = pullHandler(client, name, createPullGate(collection, options.timers, keyedByCode.has(name) ? (doc) => doc.code : undefined));
  const pull = completing ? completingPull(collection, client, name, basePull) : basePull;
  const state = replicateRxCollection<Doc, Checkpoint>({
    collection,
    replicationIdentifier: `onetrip-${name}-${client.serverUrl}`,
    live,
    retryTime: options.backoff?.maxMs ?? 5_000,
    waitForLeadership: false,
    autoStart: true,
    ...(direction.pull ? {
      pull: {
        handler: tracked(options.tracker, pull),
        batchSize: batchSizes(options.batchSize).pull,
        ...(stream ? { stream$: completing ? completingStream(collection, stream.items$) : stream.items$ } : {}),
        ...(keyedByCode.has(name) ? { modifier: withLocalKey } : {}),
      },
    } : {}),
    ...(direction.push ? {
      push: {
        handler: tracked(options.tracker, keyedByCode.has(name) ? withLocalKeys(pushHandler(client, name, options.onRefused)) : pushHandler(client, name, options.onRefused)),
        batchSize: batchSizes(options.batchSize).push,
        modifier: (doc: WithDeleted<Doc>) => {
          if (options.skipPush?.(doc)) return null;
          const sent = withoutMarker(doc); // the local-only marker never leaves the device
          return keyedByCode.has(name) ? withoutLocalKey(sent) : sent;
        },
        ...(options.waitBeforePush ? { waitBeforePersist: options.waitBeforePush } : {}),
      },
    } : {}),
  });
  // a live replication pulls again from its checkpoint every pollMs: without a stream that is
  // how it learns of changes (a browser's connections are few); with one it is the safety net
  // for a notification that never came (the convergence property once found a replica online,
  // with nothing pending, that a pull from its own checkpoint healed)
  let stopped = false;
  let poll: unknown;
  const pollMs = options.pollMs;
  const schedule = (ms: number) => { poll = options.timers.setTimeout(() => { if (stopped) return; void state.reSync(); schedule(ms); }, ms); };
  // (with a stream, at most once a minute: the stream carries the changes, this only covers a lost one)
  if (live && direction.pull && pollMs !== undefined) schedule(stream ? Math.max(pollMs, SAFETY_PULL_MIN_MS) : pollMs);
  return {
    name,
    state,
    stream,
    async cancel() {
      stopped = true;
      if (poll !== undefined) options.timers.clearTimeout(poll);
      stream?.close();
      await state.cancel();
    },
  };
}
