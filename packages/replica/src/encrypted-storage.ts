// A storage wrapper that encrypts the schema's `encrypted` fields (RxDB's own schema key)
// with AES-GCM before they reach the underlying storage (IndexedDB through Dexie, or
// memory), and decrypts them on the way out. Because it uses RxDB's `encrypted` key,
// RxDB also marks the replication meta documents (`docData`, the assumed master state)
// as encrypted, so no personal field reaches IndexedDB in plain text.
//
// Format (docs/replica.md, "Encryption at rest"): each personal field is one `enc1:` value
// (field-crypto.ts) bound to `<collection>/<id>`. Replication meta documents store their
// `docData` like the document itself — the same personal fields sealed, with the replicated
// collection's name and the document's id as context — so the sealed value of a pulled
// document is computed once and stored twice (meta format 2). Meta documents written by
// earlier releases hold the whole `docData` as one `enc1:` value bound to
// `<meta collection>/<meta id>` (meta format 1); they are still read, and rewritten in
// format 2 on their next write.
import { getPrimaryFieldOfPrimaryKey, wrapRxStorageInstance } from 'rxdb';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageBulkWriteResponse, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { decryptValue } from './field-crypto';
import { inThreadSealer } from './sealer';
import type { Sealer } from './sealer';
import { replicaError } from './errors';
import { createPacer, yieldToMainThread } from './pace';

type Doc = Record<string, unknown>;

function getPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Doc)[part];
  }
  return current;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next !== 'object' || next === null) return;
    const copy = { ...(next as Doc) };
    current[part] = copy;
    current = copy;
  }
  current[parts[parts.length - 1] as string] = value;
}

/**
 * A map that keeps roughly the `limit` most recent entries (at most 2 × limit): two
 * generations, the older one dropped whole when the newer one fills. Dropping the oldest
 * entry one by one (`map.keys().next()` then `delete`) costs a walk over the holes deleted
 * entries leave at the front of a Map: at a catch-up's rate of writes it took a quarter of a
 * second per 10,000 documents.
 */
class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }
  set(key: K, value: V): void {
    this.current.set(key, value);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}

/** Copies a document shallowly, keeping `_attachments` and `_meta` by reference. */
function copyDoc<T>(doc: T): Doc {
  return { ...(doc as Doc) };
}

/** Replaces each encrypted path's schema with a plain string: the stored value is ciphertext. */
function stripEncrypted<T>(schema: RxJsonSchema<RxDocumentData<T>>): RxJsonSchema<RxDocumentData<T>> {
  const copy = structuredClone(schema) as RxJsonSchema<RxDocumentData<T>> & { encrypted?: string[] };
  for (const path of copy.encrypted ?? []) {
    const parts = path.split('.');
    let level = copy as unknown as { properties?: Record<string, unknown> };
    for (const part of parts.slice(0, -1)) {
      level = (level.properties?.[part] ?? {}) as typeof level;
    }
    if (level.properties) level.properties[parts[parts.length - 1] as string] = { type: 'string' };
  }
  delete copy.encrypted;
  return copy;
}

/** Rows per storage write: IndexedDB clones each put value on the main thread. */
const WRITE_CHUNK = 100;

/**
 * Splits a large bulk write (RxDB merges the pulled batches that piled up) into writes of
 * WRITE_CHUNK rows with the main thread given back in between. RxDB's storage contract is
 * per row (each row succeeds or conflicts on its own), and each part emits its change events
 * before it resolves, so the split is invisible to RxDB. Parts are issued two at a time: the
 * storage applies writes in call order, and one part waiting for IndexedDB to commit would
 * otherwise leave the main thread idle (a catch-up of 50,000 documents took 23 s where it now
 * takes 18–19 s).
 */
function inChunks<T>(instance: RxStorageInstance<T, unknown, unknown>): RxStorageInstance<T, unknown, unknown> {
  const whole = instance.bulkWrite.bind(instance);
  instance.bulkWrite = async (rows, context) => {
    if (rows.length <= WRITE_CHUNK) return whole(rows, context);
    const parts: Promise<RxStorageBulkWriteResponse<T>>[] = [];
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      if (i > 0) await yieldToMainThread();
      parts.push(whole(rows.slice(i, i + WRITE_CHUNK), context));
      // one part is sealed and applied while the one before it commits (its error is reported below)
      if (parts.length >= 2) await parts[parts.length - 2]?.catch(() => undefined);
    }
    return { error: (await Promise.all(parts)).flatMap((part) => part.error) };
  };
  return instance;
}

interface Layout {
  /** Paths of the sealed values in the stored document. */
  paths: string[];
  /** The context (authenticated data) of the values of one stored document. */
  context: (doc: Doc) => string;
  /** Meta format 1: `docData` sealed as one value under this context. */
  legacyWhole?: (doc: Doc) => string;
}

const META_TITLE = 'RxReplicationProtocolMetaData';

export function wrapEncryptedStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  getKey: () => Promise<CryptoKey>,
  sealer: Sealer = inThreadSealer,
): RxStorage<Internals, Options> {
  // The collections with personal fields, so a replication meta instance (whose schema
  // repeats the replicated collection's properties under `docData`) finds its collection.
  const collections = new Map<string, { name: string; paths: string[]; primary: string }>();
  // Ciphertexts read lately and their JSON: a value read again (a document loaded from disk,
  // then read by a query and by the projection) is decrypted once. Values written are not
  // kept here: the storage hands back the very document objects that were written, which
  // `openedOf` below knows by identity, and keying this map by each new ciphertext (a string
  // of kilobytes V8 must flatten and hash) cost 100 ms per 10,000 pulled documents.
  const plainText = new BoundedCache<string, string>(8_000);
  // The sealed form of a value object under a context: a pulled document's personal fields
  // are the same objects in the collection and in its replication meta document.
  // (Bounded maps rather than WeakMaps, which would keep an entry per document ever written
  // for the garbage collector to visit.)
  const sealedValues = new BoundedCache<object, { context: string; sealed: string }>(4_000);
  // RxDB seals or opens a whole batch at once; 25 values per task keep each task short
  const pacer = createPacer(25);

  const layoutOf = (params: RxStorageInstanceCreationParams<unknown, Options>, encrypted: string[]): Layout => {
    const schema = params.schema as RxJsonSchema<Doc> & { title?: string };
    const primary = getPrimaryFieldOfPrimaryKey(schema.primaryKey as never) as string;
    const own = (doc: Doc) => `${params.collectionName}/${String(doc[primary])}`;
    const docDataProps = (schema.properties as Record<string, { properties?: unknown }>).docData?.properties;
    const isMeta = schema.title === META_TITLE && encrypted.length === 1 && encrypted[0] === 'docData' && docDataProps !== undefined;
    const parent = isMeta ? collections.get(JSON.stringify(docDataProps)) : undefined;
    // RxDB creates a collection's storage before its replication's meta storage
    if (isMeta && !parent) throw new Error(`encrypted storage: no collection for the replication meta data ${params.collectionName}`);
    if (!parent) {
      collections.set(JSON.stringify(schema.properties), { name: params.collectionName, paths: encrypted, primary });
      return { paths: encrypted, context: own };
    }
    return {
      paths: parent.paths.map((p) => `docData.${p}`),
      context: (doc) => `${parent.name}/${String((doc.docData as Doc | undefined)?.[parent.primary])}`,
      legacyWhole: own,
    };
  };

  return {
    ...storage,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, Options>) {
      const encrypted = (params.schema as { encrypted?: string[] }).encrypted ?? [];
      if (encrypted.length === 0) return storage.createStorageInstance(params);
      const key = await getKey();
      const layout = layoutOf(params as RxStorageInstanceCreationParams<unknown, Options>, encrypted);
      const storedSchema = stripEncrypted({ ...params.schema, encrypted: layout.paths } as typeof params.schema);
      const instance = await storage.createStorageInstance({ ...params, schema: storedSchema });

      const sealValue = async (value: unknown, context: string): Promise<string> => {
        const isObject = typeof value === 'object' && value !== null;
        const known = isObject ? sealedValues.get(value) : undefined;
        if (known?.context === context) return known.sealed;
        return pacer.run(async () => {
          const json = JSON.stringify(value);
          const sealed = await sealer.seal(key, json, context);
          if (isObject) sealedValues.set(value, { context, sealed });
          return sealed;
        });
      };
      const openValue = async (sealed: string, context: string): Promise<unknown> => {
        const known = plainText.get(sealed);
        if (known !== undefined) return JSON.parse(known) as unknown;
        const json = await pacer.run(() => sealer.open(key, sealed, context));
        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch (error) {
          throw replicaError('REPLICA_DECRYPT_FAILED', error);
        }
        plainText.set(sealed, json);
        return value;
      };
      const seal = async (data: RxDocumentData<T>) => {
        const doc = copyDoc(data);
        const context = layout.context(doc);
        for (const path of layout.paths) {
          const value = getPath(doc, path);
          if (value !== undefined) setPath(doc, path, await sealValue(value, context));
        }
        return doc as RxDocumentData<T>;
      };
      const open = async (data: RxDocumentData<unknown>) => {
        const doc = copyDoc(data);
        if (layout.legacyWhole && typeof doc.docData === 'string') {
          doc.docData = await decryptValue(key, doc.docData, layout.legacyWhole(doc));
          return doc as RxDocumentData<T>;
        }
        const context = layout.context(doc);
        for (const path of layout.paths) {
          const value = getPath(doc, path);
          if (typeof value === 'string') setPath(doc, path, await openValue(value, context));
        }
        return doc as RxDocumentData<T>;
      };
      // RxDB hands the same objects back and forth: a write's `previous` is a document read
      // (or written) before, and a change event carries the very object that was written. Each
      // object is sealed or opened once; RxDB treats document data as immutable.
      const sealedOf = new BoundedCache<object, RxDocumentData<T>>(4_000);
      const openedOf = new BoundedCache<object, RxDocumentData<T>>(4_000);
      const remember = (plain: RxDocumentData<T>, sealed: RxDocumentData<T>) => {
        sealedOf.set(plain, sealed);
        openedOf.set(sealed, plain);
      };
      const toStorage = async (data: RxDocumentData<T>) => {
        const known = sealedOf.get(data);
        if (known) return known;
        const sealed = await seal(data);
        remember(data, sealed);
        return sealed;
      };
      const fromStorage = async (data: RxDocumentData<unknown>) => {
        const known = openedOf.get(data);
        if (known) return known;
        const opened = await open(data);
        remember(opened, data as RxDocumentData<T>);
        return opened;
      };
      return inChunks(wrapRxStorageInstance(params.schema, instance, toStorage, fromStorage)) as RxStorageInstance<T, Internals, Options>;
    },
  };
}
