// The browser entry (kiosk renderer, desk, admin): the storage for openReplica.
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import { getRxStorageMappedIndexedDb } from '../mapped-storage';
import { inThreadSealer, workerSealer } from '../sealer';
import type { Sealer, SealPort } from '../sealer';

/**
 * The storage for browsers and Electron's renderer: reads from memory, data kept in IndexedDB
 * as a log of written pages (mapped-storage.ts; docs/replica.md, "Storage").
 */
export function browserStorage(): RxStorage<unknown, unknown> {
  // what a device wrote with RxDB's Dexie storage before 2026-11-28 is taken over on first open
  return getRxStorageMappedIndexedDb({ importFrom: { storage: dexieStorage(), databaseName: dexieDatabaseName } });
}

/** Where RxDB's Dexie storage keeps a collection (rxdb/plugins/storage-dexie, dexie-helper). */
export const dexieDatabaseName = (databaseName: string, collectionName: string, version: number): string =>
  `rxdb-dexie-${databaseName}--${version}--${collectionName}`;

/**
 * RxDB's Dexie storage: one IndexedDB record per document. What browserStorage() was until
 * 2026-11-28; kept for comparison (the replica benchmark's BENCH_REPLICA_STORAGE=dexie). Dexie's
 * own query cache is off: it serves Dexie's `liveQuery`, which RxDB does not use.
 */
export function dexieStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ cache: 'disabled' }) as RxStorage<unknown, unknown>;
}

let pageSealer: Sealer | undefined;

/**
 * Seals and opens personal fields in a Worker, one per page (sealer.ts). Vite builds
 * seal-worker.ts as its own script; a page bundled otherwise passes the URL it serves the
 * worker at. Where no module worker can be started, the work stays on the main thread.
 */
export function browserSealer(workerUrl?: string | URL): Sealer {
  if (pageSealer) return pageSealer;
  try {
    const worker = workerUrl === undefined
      ? new Worker(new URL('./seal-worker.ts', import.meta.url), { type: 'module', name: 'onetrip-seal' })
      : new Worker(workerUrl, { type: 'module', name: 'onetrip-seal' });
    pageSealer = workerSealer(worker as unknown as SealPort);
  } catch {
    pageSealer = inThreadSealer;
  }
  return pageSealer;
}

/** Calls `onOnline` when the browser regains the network, so replication skips its back-off. */
export function onBrowserOnline(onOnline: () => void): () => void {
  const listener = () => onOnline();
  globalThis.addEventListener('online', listener);
  return () => globalThis.removeEventListener('online', listener);
}
