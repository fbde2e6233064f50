// The browser entry (kiosk renderer, desk, admin): Dexie (IndexedDB) storage for openReplica.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';

/** IndexedDB through Dexie: the storage for browsers and Electron's renderer. */
export function browserStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie() as RxStorage<unknown, unknown>;
}

/** Calls `onOnline` when the browser regains the network, so replication skips its back-off. */
export function onBrowserOnline(onOnline: () => void): () => void {
  const listener = () => onOnline();
  globalThis.addEventListener('online', listener);
  return () => globalThis.removeEventListener('online', listener);
}
