// The browser entry (kiosk renderer, desk, admin): Dexie (IndexedDB) storage for openReplica.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';

/**
 * IndexedDB through Dexie: the storage for browsers and Electron's renderer. Dexie's own
 * query cache is off: it serves Dexie's `liveQuery`, which RxDB does not use, and it costs
 * bookkeeping on every read-write transaction (each write of a catch-up).
 */
export function browserStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ cache: 'disabled' }) as RxStorage<unknown, unknown>;
}

/** Calls `onOnline` when the browser regains the network, so replication skips its back-off. */
export function onBrowserOnline(onOnline: () => void): () => void {
  const listener = () => onOnline();
  globalThis.addEventListener('online', listener);
  return () => globalThis.removeEventListener('online', listener);
}
