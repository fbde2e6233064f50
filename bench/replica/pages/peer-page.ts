// The benchmark page for the peer (bundled with esbuild, loaded in Chromium): a fresh PouchDB
// on IndexedDB (pouchdb-adapter-idb) replicating from pouchdb-server through the page host's
// /api proxy (the peer's database is named `api`, so the proxied paths are its own).
import PouchDB from 'pouchdb-core';
import idbAdapter from 'pouchdb-adapter-idb';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { longTasksBetween, longTasksSupported } from './long-tasks';
import type { SyncResult } from '../result';

PouchDB.plugin(idbAdapter).plugin(httpAdapter).plugin(replication);

export interface PeerRunConfig {
  expected: number;
  batchSize: number;
  timeoutMs: number;
}

async function run(config: PeerRunConfig): Promise<SyncResult> {
  const started = performance.now();
  const remote = new PouchDB(`${location.origin}/api`, { adapter: 'http', skip_setup: true });
  const local = new PouchDB(`bench-peer-${Date.now()}`, { adapter: 'idb' });
  const replication = PouchDB.replicate(remote, local, { batch_size: config.batchSize });
  const timer = setTimeout(() => replication.cancel(), config.timeoutMs);
  try {
    const result = await replication;
    const ended = performance.now();
    if (!result.ok) throw new Error(`PouchDB replication failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    const count = (await local.info()).doc_count;
    return { count, ms: ended - started, longTasks: longTasksBetween(started, ended) };
  } finally {
    clearTimeout(timer);
    await local.destroy();
  }
}

(globalThis as unknown as { benchPage: unknown }).benchPage = { run, longTasksSupported };
document.title = 'bench-ready';
