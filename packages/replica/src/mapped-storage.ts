// An RxDB storage for browsers and Electron's renderer that answers every read from memory and
// keeps the data in IndexedDB as a log of written pages.
//
// Why (docs/replica.md, "Storage"): RxDB's Dexie storage stores one IndexedDB record per
// document plus an entry per index, and reads every document before it writes it. A desk
// catching up 50,000 case events then spends most of its time in IndexedDB requests — more
// requests per document than PouchDB, whatever RxDB does above them. Here one bulk write of
// RxDB (a pulled page of up to 1,000 documents) is one IndexedDB record, and queries run on
// RxDB's own memory storage, which keeps its indexes as sorted arrays.
//
// How:
// - Each storage instance (a collection, a replication's meta data, RxDB's internal store) has
//   its own IndexedDB database `<database>--<collection>--<schema version>` with one object
//   store `log`: records `{ json }` (the written documents as one JSON array: IndexedDB copies
//   one string much faster than a thousand objects) under increasing keys. A document's state
//   is the one in the record with the highest key that holds it.
// - On open the log is read into RxDB's memory storage. A compaction rewrites the log as a
//   snapshot (the current documents in chunks) in one IndexedDB transaction, so a crash
//   during it leaves either the old log or the new one.
// - `bulkWrite` writes to memory and queues one IndexedDB transaction putting the written
//   documents as one record. It answers, and its change events are passed on, only once that
//   transaction has committed: nothing RxDB or the screen is told about can be lost on a
//   crash. Writes are applied in call order and IndexedDB commits them in that order, so the
//   next page is applied while the previous one is being committed.
// - If IndexedDB refuses a write (quota, a closed database), the instance stops: memory may be
//   ahead of the disk, so every later call fails with the same error until the page reloads.
// - Documents stay whole in memory, encrypted fields still sealed (the encryption wrapper sits
//   above this storage), so the at-rest form in IndexedDB is the same as with Dexie.
// - Replaced versions: a record whose documents were all written again later is deleted in
//   the transaction of the write that replaced the last of them, and a record of at most 16
//   documents is rewritten without a version in the transaction that replaces it. A log of at most 2,000
//   documents (a kiosk's) is rewritten at once whenever a write leaves a replaced version in
//   it, so what retention strips or deletes leaves the disk at once. A larger log is rewritten
//   in the background, chunk by chunk while writes go on, once it holds 10,000 replaced
//   versions and more than half as many as documents; and when it opens with more replaced
//   versions than documents (or more than 200 records).
// - Deleted documents are kept (RxDB's cleanup is a no-op here): they are tombstones the
//   replication needs, and a purge would otherwise have to be logged too.
// - One page at a time: RxDB opens the database with `multiInstance: false`, so a second tab
//   would not see the first one's writes. A Web Lock per log keeps a second opener out
//   (REPLICA_OPEN_ELSEWHERE).
import { getChangedDocumentsSince } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import type {
  BulkWriteRow, EventBulk, PreparedQuery, RxDocumentData, RxStorage, RxStorageBulkWriteResponse, RxStorageChangeEvent,
  RxStorageCountResult, RxStorageInstance, RxStorageInstanceCreationParams, RxStorageQueryResult,
} from 'rxdb';
import { replicaError } from './errors';
import { yieldToMainThread } from './pace';

const STORE = 'log';
/** A log of more records than this (or with more stale versions than documents) is compacted when it opens. */
const COMPACT_AFTER_RECORDS = 200;
/** A log of at most this many documents is rewritten as soon as a write leaves a stale version in it. */
const COMPACT_NOW_DOCUMENTS = 2_000;
/** A record of at most this many documents is rewritten without a version as soon as that version is replaced. */
const THIN_RECORD_DOCUMENTS = 16;
/** Replaced versions (also more than half the documents) that start a background compaction of a larger log. */
const COMPACT_IN_BACKGROUND_AFTER = 10_000;
/** Documents per snapshot record. */
const SNAPSHOT_CHUNK = 2_000;
/** Documents per memory write while loading (keeps each step of a large open short). */
const LOAD_CHUNK = 5_000;

type AnyDoc = RxDocumentData<Record<string, unknown>>;
/** One write: its documents as JSON text (cheaper for IndexedDB to copy than the objects). */
interface LogRecord { json: string }

/** A storage this one replaces, whose data is taken over on the first open (then removed there). */
export interface LegacyStorage {
  storage: RxStorage<unknown, unknown>;
  /** The IndexedDB database the legacy storage keeps a collection in (to see whether there is one). */
  databaseName(databaseName: string, collectionName: string, version: number): string;
}

export interface MappedStorageOptions {
  /** Take over the data a previous storage holds for the same database (browserStorage: RxDB's Dexie storage). */
  importFrom?: LegacyStorage;
  /** The IndexedDB to use (default: the page's `indexedDB`; tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  /** Rewrite the log as a snapshot on open once it has more records than this (default 200). */
  compactAfterRecords?: number;
  /** Hold a Web Lock per database so that a second tab cannot open it (default: when available). */
  exclusive?: boolean;
  /** A log of at most this many documents is rewritten at once when a write leaves a replaced version (default 2,000). */
  compactNowDocuments?: number;
  /** A larger log is rewritten in the background once it holds this many replaced versions, and more than half as many as documents (default 10,000). */
  compactInBackgroundAfter?: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Deletes an IndexedDB database; one still open elsewhere goes once its last connection closes. */
function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onblocked = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`cannot delete IndexedDB ${name}`));
  });
}

function openLog(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => { req.result.createObjectStore(STORE, { autoIncrement: true }); };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`cannot open IndexedDB ${name}`));
    req.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by another connection`));
  });
}

/**
 * Where each document's current version is in the log, and how much of the log is stale
 * (versions a later record replaced). A record none of whose documents is current any more is
 * deleted in the same transaction as the write that replaced the last of them.
 */
class LogIndex {
  private readonly where = new Map<string, number>();
  private readonly live = new Map<number, number>();
  private stored = 0;
  private readonly sizes = new Map<number, number>();
  /** The key of the next record: records are written with explicit, increasing keys. */
  private next = 1;

  take(): number { return this.next++; }

  /** Versions in the log that are not current. */
  get stale(): number { return this.stored - this.where.size; }
  get records(): number { return this.sizes.size; }
  get documents(): number { return this.where.size; }

  /**
   * What writing `ids` again does to the log: the records left with no current document
   * (`emptied`, to delete) and the small records left with some (`thinned`: the ids to take
   * out of each). Both are dropped from the index or shrunk in it at once.
   */
  supersede(ids: readonly string[], thin = true): { emptied: number[]; thinned: Map<number, string[]> } {
    const emptied: number[] = [];
    const touched = new Map<number, string[]>();
    for (const id of ids) {
      const key = this.where.get(id);
      if (key === undefined) continue;
      this.where.delete(id);
      const left = (this.live.get(key) ?? 1) - 1;
      this.live.set(key, left);
      if (left === 0) {
        emptied.push(key);
        touched.delete(key);
        this.stored -= this.sizes.get(key) ?? 0;
        this.live.delete(key);
        this.sizes.delete(key);
      } else if (thin && (this.sizes.get(key) ?? Infinity) <= THIN_RECORD_DOCUMENTS) {
        touched.set(key, [...(touched.get(key) ?? []), id]);
      }
    }
    for (const [key, out] of touched) {
      this.sizes.set(key, (this.sizes.get(key) ?? out.length) - out.length);
      this.stored -= out.length;
    }
    return { emptied, thinned: touched };
  }

  added(key: number, ids: readonly string[]): void {
    if (key >= this.next) this.next = key + 1;
    for (const id of ids) this.where.set(id, key);
    this.live.set(key, ids.length);
    this.sizes.set(key, ids.length);
    this.stored += ids.length;
  }

  /**
   * A snapshot written in the background under keys from `firstKey` on replaces every record
   * before it: a document still pointing to such a record now points to its chunk; one written
   * again meanwhile keeps its newer record. Returns the keys of the records it replaces.
   */
  adopt(firstKey: number, chunks: ReadonlyArray<{ key: number; ids: readonly string[] }>): number[] {
    for (const chunk of chunks) {
      let live = 0;
      for (const id of chunk.ids) {
        const at = this.where.get(id);
        if (at === undefined || at >= firstKey) continue;
        this.where.set(id, chunk.key);
        live++;
      }
      this.live.set(chunk.key, live);
      this.sizes.set(chunk.key, chunk.ids.length);
      this.stored += chunk.ids.length;
    }
    const old = [...this.sizes.keys()].filter((key) => key < firstKey);
    for (const key of old) {
      this.stored -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
      this.live.delete(key);
    }
    return old;
  }

  clear(): void {
    this.where.clear();
    this.live.clear();
    this.sizes.clear();
    this.stored = 0; // keys go on growing: a record written later must never sort before an earlier one
  }
}

/** The current documents of a log, by primary key, and the index of the log. */
async function readLog(db: IDBDatabase, primaryPath: string): Promise<{ docs: Map<string, AnyDoc>; index: LogIndex }> {
  const tx = db.transaction(STORE, 'readonly');
  const store = tx.objectStore(STORE);
  const [keys, records] = await Promise.all([request(store.getAllKeys()), request(store.getAll() as IDBRequest<LogRecord[]>)]);
  const docs = new Map<string, AnyDoc>();
  const index = new LogIndex();
  records.forEach((record, i) => {
    const written = JSON.parse(record.json) as AnyDoc[];
    const ids = written.map((doc) => doc[primaryPath] as string);
    index.supersede(ids, false); // as the log is on disk: nothing is rewritten while reading
    index.added(keys[i] as number, ids);
    for (const doc of written) docs.set(doc[primaryPath] as string, doc);
  });
  return { docs, index };
}

/** The current documents in snapshot records of SNAPSHOT_CHUNK, each with the next key of the log. */
function snapshotChunks(docs: readonly AnyDoc[], primaryPath: string, index: LogIndex): Array<{ key: number; docs: AnyDoc[]; ids: string[] }> {
  const chunks: Array<{ key: number; docs: AnyDoc[]; ids: string[] }> = [];
  for (let i = 0; i < docs.length; i += SNAPSHOT_CHUNK) {
    const part = docs.slice(i, i + SNAPSHOT_CHUNK);
    chunks.push({ key: index.take(), docs: part, ids: part.map((d) => d[primaryPath] as string) });
  }
  return chunks;
}

/**
 * Rewrites a log as a snapshot of `docs` in one transaction, and indexes it anew at once (the
 * transaction is queued behind the log's earlier ones); resolves when it has committed.
 */
function compact(db: IDBDatabase, docs: readonly AnyDoc[], primaryPath: string, index: LogIndex): Promise<void> {
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  store.clear();
  index.clear();
  for (const chunk of snapshotChunks(docs, primaryPath, index)) {
    store.add({ json: JSON.stringify(chunk.docs) } satisfies LogRecord, chunk.key);
    index.added(chunk.key, chunk.ids);
  }
  return committed(tx);
}

export const logDatabaseName = (databaseName: string, collectionName: string, version: number): string =>
  `${databaseName}--${collectionName}--${version}`;

type Memory = ReturnType<typeof getRxStorageMemory>;
type Inner = RxStorageInstance<Record<string, unknown>, unknown, unknown>;

class MappedInstance implements RxStorageInstance<Record<string, unknown>, unknown, unknown> {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Inner['schema'];
  readonly options: Readonly<unknown>;
  readonly internals: Readonly<unknown>;
  private readonly changes = new Subject<EventBulk<RxStorageChangeEvent<Record<string, unknown>>, unknown>>();
  private readonly held: EventBulk<RxStorageChangeEvent<Record<string, unknown>>, unknown>[] = [];
  private readonly subscription: { unsubscribe(): void };
  private tail: Promise<unknown> = Promise.resolve();
  private emitted: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  private closed = false;
  private compacting: Promise<void> | undefined;
  readonly getChangedDocumentsSince?: Inner['getChangedDocumentsSince'];

  constructor(
    params: RxStorageInstanceCreationParams<Record<string, unknown>, unknown>,
    private readonly inner: Inner,
    private readonly db: IDBDatabase,
    private readonly factory: IDBFactory,
    private readonly primaryPath: string,
    private readonly index: LogIndex,
    private readonly release: () => void,
    private readonly limits: { compactNow: number; inBackground: number },
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = inner.schema;
    this.options = params.options as Readonly<unknown>;
    this.internals = inner.internals;
    // optional in RxDB (without it RxDB queries by _meta.lwt): offered when the memory storage has it
    const changedSince = inner.getChangedDocumentsSince;
    if (changedSince) this.getChangedDocumentsSince = (limit, checkpoint) => this.after(() => changedSince.call(inner, limit, checkpoint));
    // the memory storage emits inside bulkWrite; the events wait until the write is on disk
    this.subscription = inner.changeStream().subscribe((bulk) => { this.held.push(bulk); });
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) throw replicaError('REPLICA_DATABASE_CLOSED');
  }

  /** Runs once every write called before it is in memory and has its IndexedDB transaction queued. */
  private after<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(() => { this.check(); return fn(); });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes go to memory and queue their IndexedDB transaction one at a time, in call order;
   * IndexedDB commits them in that order. A write answers, and passes its change events on,
   * once its own transaction has committed — so the next write (the next pulled page) can be
   * applied while this one is being committed, and reads never wait for the disk.
   */
  bulkWrite(rows: BulkWriteRow<Record<string, unknown>>[], context: string): Promise<RxStorageBulkWriteResponse<Record<string, unknown>>> {
    const queued = this.after(async () => {
      const result = await this.inner.bulkWrite(rows, context);
      const events = this.held.splice(0);
      const refused = new Set(result.error.map((e) => e.documentId));
      const docs = rows.filter((row) => !refused.has(row.document[this.primaryPath] as string)).map((row) => row.document);
      if (docs.length === 0) return { result, events, commit: Promise.resolve() };
      const ids = docs.map((doc) => doc[this.primaryPath] as string);
      const tx = this.db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const { emptied, thinned } = this.index.supersede(ids);
      for (const key of emptied) store.delete(key);
      // a small record keeps no replaced version either (a kiosk's writes are small: what
      // retention strips leaves the disk with the write that strips it, whatever the log's size)
      for (const [key, out] of thinned) {
        const gone = new Set(out);
        const read = store.get(key) as IDBRequest<LogRecord | undefined>;
        read.onsuccess = () => {
          if (!read.result) return;
          const kept = (JSON.parse(read.result.json) as AnyDoc[]).filter((doc) => !gone.has(doc[this.primaryPath] as string));
          store.put({ json: JSON.stringify(kept) } satisfies LogRecord, key);
        };
      }
      const key = this.index.take();
      store.add({ json: JSON.stringify(docs) } satisfies LogRecord, key);
      this.index.added(key, ids);
      const commits = [committed(tx)];
      // a small log (a kiosk's) is rewritten at once when a version is replaced, so data that
      // retention stripped or deleted leaves the disk now, not at the next start
      if (this.index.stale > 0 && this.index.documents <= this.limits.compactNow && !this.compacting) {
        const all = await getChangedDocumentsSince(this.inner, this.index.documents + 1);
        commits.push(compact(this.db, all.documents as AnyDoc[], this.primaryPath, this.index));
      } else if (!this.compacting && this.index.stale >= this.limits.inBackground && this.index.stale * 2 > this.index.documents) {
        this.compacting = this.compactInBackground().catch(() => undefined).finally(() => { this.compacting = undefined; });
      }
      return { result, events, commit: Promise.all(commits) };
    });
    const done = queued.then(async ({ result, events, commit }) => {
      try {
        await commit;
      } catch (error) {
        this.failure ??= replicaError('REPLICA_STORAGE_FAILED', error, `${this.collectionName}: the write did not reach IndexedDB`);
        throw this.failure;
      }
      return { result, events };
    });
    // change events leave in write order, each once its write is on disk
    const emitted = Promise.all([this.emitted, done.catch(() => null)]).then(([, ok]) => {
      if (ok && this.failure === undefined) for (const bulk of ok.events) this.changes.next(bulk);
    });
    this.emitted = emitted;
    return emitted.then(() => done).then(({ result }) => result);
  }

  /**
   * Rewrites a large log without stopping the writes: the current documents are taken at one
   * point between two writes and given keys below every later write's; they are written in
   * chunks, one transaction and one task each; then one transaction deletes the records before
   * them. A crash at any step leaves a log that loads to the same documents (the newest key
   * wins, and the snapshot equals what the older records held).
   */
  private async compactInBackground(): Promise<void> {
    const snapshot = await this.after(async () => {
      const all = (await getChangedDocumentsSince(this.inner, this.index.documents + 1)).documents as AnyDoc[];
      return snapshotChunks(all, this.primaryPath, this.index);
    });
    const firstKey = snapshot[0]?.key;
    if (firstKey === undefined) return;
    for (const chunk of snapshot) {
      await yieldToMainThread();
      if (this.closed || this.failure !== undefined) return;
      const tx = this.db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add({ json: JSON.stringify(chunk.docs) } satisfies LogRecord, chunk.key);
      await committed(tx);
    }
    await this.after(async () => {
      const tx = this.db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      for (const key of this.index.adopt(firstKey, snapshot)) store.delete(key);
      await committed(tx);
    });
  }

  findDocumentsById(ids: string[], withDeleted: boolean) {
    return this.after(() => this.inner.findDocumentsById(ids, withDeleted));
  }

  query(prepared: PreparedQuery<Record<string, unknown>>): Promise<RxStorageQueryResult<Record<string, unknown>>> {
    return this.after(() => this.inner.query(prepared));
  }

  count(prepared: PreparedQuery<Record<string, unknown>>): Promise<RxStorageCountResult> {
    return this.after(() => this.inner.count(prepared));
  }

  getAttachmentData(): Promise<never> {
    return Promise.reject(replicaError('REPLICA_STORAGE_FAILED', undefined, 'attachments are not stored here (blobs are documents)'));
  }

  changeStream() {
    return this.changes.asObservable();
  }

  /** Deleted documents are kept (see the top of the file). */
  cleanup(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const closing = this.tail.then(() => this.emitted).then(() => this.compacting).then(async () => {
      this.subscription.unsubscribe();
      this.changes.complete();
      await this.inner.close();
      this.db.close();
      this.release();
    });
    this.closed = true;
    return closing;
  }

  async remove(): Promise<void> {
    await this.tail.then(() => this.emitted).then(() => this.compacting);
    const name = this.db.name;
    this.subscription.unsubscribe();
    this.changes.complete();
    await this.inner.remove();
    this.db.close();
    this.closed = true;
    this.release();
    await deleteDatabase(this.factory, name);
  }
}

/**
 * The documents a legacy storage holds for this collection, deleted ones included, and a way
 * to remove them there — or null when it has none. Needs `indexedDB.databases()` to tell.
 */
async function legacyDocuments<T>(factory: IDBFactory, legacy: LegacyStorage, params: RxStorageInstanceCreationParams<T, unknown>): Promise<{ docs: AnyDoc[]; remove(): Promise<void> } | null> {
  if (typeof factory.databases !== 'function') return null;
  const name = legacy.databaseName(params.databaseName, params.collectionName, params.schema.version);
  if (!(await factory.databases()).some((info) => info.name === name)) return null;
  const instance = await legacy.storage.createStorageInstance(params) as unknown as Inner;
  try {
    const docs: AnyDoc[] = [];
    let checkpoint: unknown;
    for (;;) {
      const page = await getChangedDocumentsSince(instance, LOAD_CHUNK, checkpoint as never);
      docs.push(...(page.documents as AnyDoc[]));
      if (page.documents.length < LOAD_CHUNK) break;
      checkpoint = page.checkpoint;
    }
    return {
      docs,
      // RxDB's remove() of a Dexie instance empties its table; the database itself goes too
      remove: async () => {
        await instance.remove();
        await deleteDatabase(factory, name);
      },
    };
  } catch (error) {
    await instance.close();
    throw error;
  }
}

/** How long opening waits for another page to let go of a log (a tab that is closing, a reload). */
const LOCK_WAIT_MS = 5_000;

/**
 * Takes the Web Lock of a log, waiting up to LOCK_WAIT_MS for another page to let it go (a
 * closed tab releases it a moment later, longer on a busy machine); fails with
 * REPLICA_OPEN_ELSEWHERE when that page keeps it.
 */
async function lockLog(name: string): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return () => undefined;
  let release!: () => void;
  await new Promise<void>((resolve, reject) => {
    locks.request(`onetrip-mapped:${name}`, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => {
      resolve();
      return new Promise<void>((done) => { release = done; });
    }).catch(() => reject(replicaError('REPLICA_OPEN_ELSEWHERE', undefined, name)));
  });
  return release;
}

/**
 * RxDB storage on memory with an IndexedDB log (see the top of this file). Every call makes a
 * storage with its own memory; open one database with one storage at a time.
 */
export function getRxStorageMappedIndexedDb(options: MappedStorageOptions = {}): RxStorage<unknown, unknown> {
  const memory: Memory = getRxStorageMemory();
  const compactAfter = options.compactAfterRecords ?? COMPACT_AFTER_RECORDS;
  return {
    name: 'onetrip-mapped-indexeddb',
    rxdbVersion: memory.rxdbVersion,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, unknown>) {
      if (params.schema.attachments) throw replicaError('REPLICA_STORAGE_FAILED', undefined, 'attachments are not supported');
      const factory = options.indexedDB ?? globalThis.indexedDB;
      if (!factory) throw replicaError('REPLICA_STORAGE_FAILED', undefined, 'this browser has no IndexedDB');
      const name = logDatabaseName(params.databaseName, params.collectionName, params.schema.version);
      const release = options.exclusive === false ? () => undefined : await lockLog(name);
      try {
        const db = await openLog(factory, name);
        const typed = params as unknown as RxStorageInstanceCreationParams<Record<string, unknown>, unknown>;
        const primaryPath = typeof typed.schema.primaryKey === 'string' ? typed.schema.primaryKey : typed.schema.primaryKey.key;
        const { docs, index } = await readLog(db, primaryPath);
        // data of the storage this one replaced (a kiosk offline through the upgrade keeps its
        // unsent writes): added to the log, then removed there, so no second copy stays on disk
        // (retention must be able to drop personal data). A crash in between repeats the import:
        // what the log already holds is not taken again.
        const legacy = options.importFrom ? await legacyDocuments(factory, options.importFrom, params) : null;
        if (legacy) {
          const taken = legacy.docs.filter((doc) => !docs.has(doc[primaryPath] as string));
          if (taken.length > 0) {
            for (const doc of taken) docs.set(doc[primaryPath] as string, doc);
            await compact(db, [...docs.values()], primaryPath, index);
          }
          await legacy.remove();
        }
        const inner = await memory.createStorageInstance(typed as Parameters<Memory['createStorageInstance']>[0]) as Inner;
        const loaded = [...docs.values()];
        // the same storage may open a collection again after closing it: its memory still holds the data then
        const empty = (inner.internals as { documents?: Map<string, unknown> }).documents?.size === 0;
        for (let i = 0; empty && i < loaded.length; i += LOAD_CHUNK) {
          const result = await inner.bulkWrite(loaded.slice(i, i + LOAD_CHUNK).map((document) => ({ document })), 'onetrip-mapped-load');
          if (result.error.length > 0) throw replicaError('REPLICA_STORAGE_FAILED', undefined, `${name}: ${result.error.length} stored documents did not load`);
        }
        if (index.records > compactAfter || index.stale > index.documents) await compact(db, loaded, primaryPath, index);
        return new MappedInstance(typed, inner, db, factory, primaryPath, index, release, {
          compactNow: options.compactNowDocuments ?? COMPACT_NOW_DOCUMENTS, inBackground: options.compactInBackgroundAfter ?? COMPACT_IN_BACKGROUND_AFTER,
        }) as unknown as RxStorageInstance<RxDocType, unknown, unknown>;
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}
