// The peer: PouchDB clients replicating to pouchdb-server (the CouchDB protocol stack).
// pouchdb-server keeps its documents in LevelDB on disk, its default and how a deployment runs
// it (leveldown 5 loads its bundled prebuilt binary, so `npm install --ignore-scripts` is
// enough), or in memory (`--in-memory`, memdown) with BENCH_SYNC_PEER=memory. Clients use
// pouchdb-core + the HTTP adapter over the same loopback, and the fresh replica catches up
// into pouchdb-adapter-memory.
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Service } from './processes';
import type { LiveSide } from './delivery';
import { kioskSubmitter, submittedEvent, type Clocks, type KioskPlace } from './events';
import type { Side } from './side';
import type { PeerStorage } from './config';

PouchDB.plugin(httpAdapter).plugin(memoryAdapter).plugin(replication);

export const PEER_DB = 'caseevents';
const require = createRequire(import.meta.url);

export interface PeerServer {
  service: Service;
  db(name?: string): PouchDB.Database;
  stop(): Promise<void>;
}

export async function startPeerServer(port: number, storage: PeerStorage): Promise<PeerServer> {
  const dir = await mkdtemp(join(tmpdir(), 'onetrip-bench-pouchdb-'));
  // Request logging to stdout and to log.txt would tax the peer for nothing we measure.
  await writeFile(join(dir, 'config.json'), JSON.stringify({ log: { level: 'error', file: join(dir, 'log.txt') } }));
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server');
  const url = `http://127.0.0.1:${port}`;
  const service = await startService({
    name: 'pouchdb-server', command: process.execPath, cwd: dir, url, readyUrl: `${url}/`,
    args: [bin, ...(storage === 'memory' ? ['--in-memory'] : []), '--no-stdout-logs', '--port', String(port), '--host', '127.0.0.1', '--config', join(dir, 'config.json')],
    env: { PATH: process.env['PATH'], HOME: dir },
  });
  const res = await fetch(`${url}/${PEER_DB}`, { method: 'PUT' });
  if (!res.ok) throw new Error(`pouchdb-server: creating ${PEER_DB} answered ${res.status}`);
  return {
    service,
    db: (name = PEER_DB) => new PouchDB(`${url}/${name}`, { adapter: 'http', skip_setup: true }),
    stop: async () => { await service.stop(); await rm(dir, { recursive: true, force: true }); },
  };
}

/** The same case event as a CouchDB document: its id becomes `_id`, nothing else changes. */
export function toCouchDoc(doc: { id: string }): PouchDB.Core.PutDocument<Record<string, unknown>> {
  return { _id: doc.id, ...doc };
}

export async function peerPush(server: PeerServer, perClient: { id: string }[][], batch: number): Promise<void> {
  await Promise.all(perClient.map(async (docs) => {
    const db = server.db();
    for (let i = 0; i < docs.length; i += batch) {
      const result = await db.bulkDocs(docs.slice(i, i + batch).map(toCouchDoc));
      const failed = result.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`pouchdb-server refused a document: ${JSON.stringify(failed)}`);
    }
  }));
}

/** A fresh in-memory PouchDB replicates everything from the server; returns the count it holds. */
export async function peerCatchUp(server: PeerServer, batch: number, replicaName: string): Promise<number> {
  const local = new PouchDB(replicaName, { adapter: 'memory' });
  try {
    const result = await PouchDB.replicate(server.db(), local, { batch_size: batch, batches_limit: 5 });
    if (!result.ok) throw new Error(`PouchDB replication failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    const info = await local.info();
    return info.doc_count;
  } finally {
    await local.destroy();
  }
}

/** The peer's live side: `changes({ live: true })` feeds over HTTP, writes with `put`. */
export function peerLiveSide(server: PeerServer, makeDoc: (id: string) => { id: string }): LiveSide {
  return {
    async open(count, onDoc) {
      // Start from a known sequence rather than 'now', so no feed can miss the warm-up write.
      const since = (await server.db().info()).update_seq;
      const feeds: PouchDB.Core.Changes<Record<string, unknown>>[] = [];
      for (let i = 0; i < count; i++) {
        const feed = server.db().changes({ since, live: true, include_docs: true });
        feed.on('change', (change) => onDoc(i, change.id));
        feeds.push(feed);
      }
      return { close: async () => { for (const feed of feeds) feed.cancel(); } };
    },
    async write(id) {
      await server.db().put(toCouchDoc(makeDoc(id)));
    },
  };
}

export interface PeerSideOptions {
  place: KioskPlace;
  clocksFor: (deviceId: string) => Clocks;
  pullBatch: number;
  storage: PeerStorage;
}

/** The peer as a benchmark side: kiosks named bench-kiosk-N write the same kind of events. */
export function createPeerSide(server: PeerServer, opts: PeerSideOptions): Side {
  const probe = kioskSubmitter('bench-probe', opts.place);
  const probeClocks = opts.clocksFor('bench-probe');
  let replicas = 0;
  const side: Side = {
    label: `peer (pouchdb-server, ${opts.storage === 'memory' ? 'in memory' : 'LevelDB on disk'})`,
    async makeDocs(clients, perClient, offset) {
      return Array.from({ length: clients }, (_, c) => {
        const deviceId = `bench-kiosk-${c}`;
        const who = kioskSubmitter(deviceId, opts.place);
        const clocks = opts.clocksFor(deviceId);
        return Array.from({ length: perClient }, (_, i) => submittedEvent(who, clocks, offset + c * perClient + i));
      });
    },
    push: (perClient, batch) => peerPush(server, perClient, batch),
    catchUp: () => peerCatchUp(server, opts.pullBatch, `bench-replica-${replicas++}`),
    live: peerLiveSide(server, (id) => ({ ...submittedEvent(probe, probeClocks, 0), id })),
    newId: () => probeClocks.newId(),
    rssBytes: () => server.service.rssBytes(),
    // LevelDB (or memdown) runs inside pouchdb-server's process.
    cpuPids: () => ({ servers: [server.service.pid] }),
  };
  return side;
}
