// The blob upload queue: a photo stored while another is uploading is uploaded too, without a
// retry or reconnect to wake the queue — else the case event that references both waits forever.
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { waitFor } from '@onetrip/testkit';
import { createBlobStore } from './blob-store';
import { collectionCreators } from './collections';
import { wrapEncryptedStorage } from './encrypted-storage';
import { importEncryptionKey } from './field-crypto';
import type { HttpClient } from './http-client';
import { createSyncTracker } from './status';
import { realTimers } from './timers';

const dbs: RxDatabase[] = [];
afterEach(async () => { await Promise.all(dbs.splice(0).map((d) => d.close())); });

/** A server whose first PUT is held until released; records the uploads it completes. */
function slowServer() {
  const uploaded: string[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => { release = r; });
  let first = true;
  let started = false;
  const client: HttpClient = {
    serverUrl: 'http://127.0.0.1:9',
    async request(method, path) {
      if (method === 'HEAD') return new Response(null, { status: 404 });
      if (first) { first = false; started = true; await held; }
      uploaded.push(path.split('/').pop()!);
      return new Response(null, { status: 201 });
    },
    json: () => Promise.reject(new Error('not used')),
  };
  return { client, uploaded, release, started: () => started };
}

describe('blob store upload queue', () => {
  it('uploads a blob stored while another upload is under way, and then reports nothing pending', async () => {
    const key = importEncryptionKey(new Uint8Array(32).fill(7));
    const db = await createRxDatabase({ name: `blobs-${Date.now()}`, storage: wrapEncryptedStorage(getRxStorageMemory(), () => key), multiInstance: false });
    dbs.push(db);
    await db.addCollections(collectionCreators(['blobs']));
    const server = slowServer();
    const store = createBlobStore({ collection: db.collections.blobs as unknown as RxCollection<Record<string, unknown>>, client: server.client, tracker: createSyncTracker(Date.now), timers: realTimers, random: Math.random });
    const a = await store.put(new Uint8Array([1, 2, 3]), 'image/jpeg');
    await waitFor(() => server.started(), { timeoutMs: 10_000, description: 'the first upload under way' });
    const b = await store.put(new Uint8Array([4, 5, 6]), 'image/jpeg'); // while the first PUT is held
    server.release();
    await waitFor(() => server.uploaded.includes(b.sha256), { timeoutMs: 10_000, description: 'the second blob uploaded' });
    expect(server.uploaded.sort()).toEqual([a.sha256, b.sha256].sort());
    await store.awaitUploaded();
    expect(await store.isUploaded(b.sha256)).toBe(true);
    store.close();
  });
});
