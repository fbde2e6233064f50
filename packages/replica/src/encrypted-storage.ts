// A storage wrapper that encrypts the schema's `encrypted` fields (RxDB's own schema key)
// with AES-GCM before they reach the underlying storage (IndexedDB through Dexie, or
// memory), and decrypts them on the way out. Because it uses RxDB's `encrypted` key,
// RxDB also marks the replication meta documents (`docData`, the assumed master state)
// as encrypted, so no personal field reaches IndexedDB in plain text.
import { getPrimaryFieldOfPrimaryKey, wrapRxStorageInstance } from 'rxdb';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstanceCreationParams } from 'rxdb';
import { decryptValue, encryptValue } from './field-crypto';

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

export function wrapEncryptedStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  getKey: () => Promise<CryptoKey>,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, Options>) {
      const paths = (params.schema as { encrypted?: string[] }).encrypted ?? [];
      if (paths.length === 0) return storage.createStorageInstance(params);
      const key = await getKey();
      const instance = await storage.createStorageInstance({ ...params, schema: stripEncrypted(params.schema) });
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const context = (doc: Doc) => `${params.collectionName}/${String(doc[primary])}`;
      const toStorage = async (data: RxDocumentData<T>) => {
        const doc = copyDoc(data);
        for (const path of paths) {
          const value = getPath(doc, path);
          if (value !== undefined) setPath(doc, path, await encryptValue(key, value, context(doc)));
        }
        return doc as RxDocumentData<T>;
      };
      const fromStorage = async (data: RxDocumentData<unknown>) => {
        const doc = copyDoc(data);
        for (const path of paths) {
          const value = getPath(doc, path);
          if (typeof value === 'string') setPath(doc, path, await decryptValue(key, value, context(doc)));
        }
        return doc as RxDocumentData<T>;
      };
      return wrapRxStorageInstance(params.schema, instance, toStorage, fromStorage);
    },
  };
}
