// The two servers, seeded with the same documents before anything is timed: our sync server
// (enrolled kiosks at one village site push case events, which that village's clerk pulls) and
// pouchdb-server (the same events as CouchDB documents in a database named `api`, the path the
// page host proxies). Reuses the sync benchmark's server starters, clients and event factory.
import type { Actor } from '@onetrip/domain';
import { freePort, startPostgres } from '@onetrip/testkit';
import type { ReplicaBenchConfig } from './config';
import { startOurServer } from '../sync/ours-server';
import { createOursSide } from '../sync/ours-side';
import { OursClient } from '../sync/ours-client';
import { peerPush, startPeerServer } from '../sync/peer';
import { clocksFor, kioskPlaces } from '../sync/places';

const DEMO_PASSWORD = 'onetrip-demo';
/** A village with a kiosk site in the demo county; its clerk pulls that village's case events. */
export const VILLAGE = '430182104201';
export const CLERK: Actor = { id: `village-${VILLAGE}`, role: 'villageClerk', level: 'village', regionCode: VILLAGE };

export interface Seeded {
  port: number;
  stop(): Promise<void>;
}

export interface OursSeeded extends Seeded {
  token: string;
  docs: { id: string }[];
}

function villagePlace() {
  const place = kioskPlaces().find((p) => p.regionCode === VILLAGE);
  if (!place) throw new Error(`the demo county has no kiosk site in ${VILLAGE}`);
  return place;
}

export async function seedOurs(cfg: ReplicaBenchConfig, log: (line: string) => void): Promise<OursSeeded> {
  const pg = cfg.database === 'postgres' ? await startPostgres() : null;
  const server = await startOurServer({ database: cfg.database, port: await freePort(), databaseUrl: pg?.url });
  const stop = async () => { await server.stop(); await pg?.stop(); };
  try {
    const side = await createOursSide({
      servers: [server], admin: { username: 'admin', password: DEMO_PASSWORD }, viewer: { username: CLERK.id, password: DEMO_PASSWORD },
      places: [villagePlace()], kiosks: cfg.kiosks, clocksFor, pullBatch: cfg.pullBatch, log,
    });
    const perClient = await side.makeDocs(cfg.kiosks, Math.ceil(cfg.docs / cfg.kiosks), 0);
    log(`ours (${cfg.database}): seeding ${perClient.flat().length} case events`);
    await side.push(perClient, cfg.seedBatch);
    const clerk = await new OursClient(server.service.url).login(CLERK.id, DEMO_PASSWORD);
    return { port: Number(new URL(server.service.url).port), token: clerk.token as string, docs: perClient.flat(), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export const PEER_DB = 'api';

export async function seedPeer(cfg: ReplicaBenchConfig, docs: { id: string }[], log: (line: string) => void): Promise<Seeded> {
  const port = await freePort();
  const server = await startPeerServer(port, 'memory'); // as documented in docs/benchmarks.md#replica
  try {
    const res = await fetch(`http://127.0.0.1:${port}/${PEER_DB}`, { method: 'PUT' });
    if (!res.ok) throw new Error(`pouchdb-server: creating ${PEER_DB} answered ${res.status}`);
    log(`peer: seeding the same ${docs.length} case events into pouchdb-server`);
    const chunks: { id: string }[][] = [];
    for (let i = 0; i < docs.length; i += cfg.seedBatch * 4) chunks.push(docs.slice(i, i + cfg.seedBatch * 4));
    await peerPush({ ...server, db: (name = PEER_DB) => server.db(name) }, chunks, cfg.seedBatch);
    return { port, stop: () => server.stop() };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
