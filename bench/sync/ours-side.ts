// Our side of the benchmark: enrolled kiosks push case events with the documented replication
// protocol, a fresh staff replica pulls everything in checkpointed batches, and staff desks
// hold live pull-streams (Server-Sent Events).
import type { LiveSide } from './delivery';
import { kioskSubmitter, submittedEvent, type Clocks, type KioskPlace, type Submitter } from './events';
import { OursClient, type Checkpoint } from './ours-client';
import type { OurServer } from './ours-server';
import type { Side } from './side';
import { openSse, type SseStream } from './sse';

export const COLLECTION = 'caseEvents';

export interface Kiosk { client: OursClient; who: Submitter; clocks: Clocks }

export interface OursSideOptions {
  /**
   * The server, or several instances on one database: the first serves enrollment, catch-up,
   * the live streams and the memory reading; the push clients are spread over all of them.
   */
  servers: readonly [OurServer, ...OurServer[]];
  /** The demo administrator and the staff account whose desks hold the live streams. */
  admin: { username: string; password: string };
  viewer: { username: string; password: string };
  places: KioskPlace[];
  kiosks: number;
  clocksFor: (deviceId: string) => Clocks;
  pullBatch: number;
  log: (line: string) => void;
  /** See Side.settle. */
  settle?: () => Promise<void>;
  /** PostgreSQL's postmaster, whose processes' CPU counts as the database's (none for PGlite, inside the server). */
  databasePid?: number;
}

async function enrollKiosk(admin: OursClient, place: KioskPlace, n: number, opts: OursSideOptions): Promise<Kiosk> {
  const pushTo = opts.servers[n % opts.servers.length]!.service.url;
  const { code } = await admin.request<{ code: string }>('POST', '/devices/enrollment-codes', { siteId: place.siteId, label: `bench kiosk ${n}` });
  const anonymous = new OursClient(admin.baseUrl);
  const res = await anonymous.request<{ deviceId: string; token: string }>('POST', '/devices/enroll', {
    code, name: `bench-kiosk-${n}`, publicKey: `bench-public-key-${n}`,
  });
  return { client: new OursClient(pushTo, res.token), who: kioskSubmitter(res.deviceId, place), clocks: opts.clocksFor(res.deviceId) };
}

async function pushAll(kiosk: Kiosk, docs: Record<string, unknown>[], batch: number): Promise<void> {
  for (let i = 0; i < docs.length; i += batch) {
    const conflicts = await kiosk.client.push(COLLECTION, docs.slice(i, i + batch));
    if (conflicts.length > 0) throw new Error(`the server answered ${conflicts.length} conflicts to new events`);
  }
}

/** A fresh replica: pulls from no checkpoint until the server has nothing more. Bounded. */
async function catchUp(viewer: OursClient, batch: number, expected: number): Promise<number> {
  const replica = new Map<string, Record<string, unknown>>();
  let checkpoint: Checkpoint | null = null;
  const maxRounds = Math.ceil((expected * 2) / batch) + 10;
  for (let round = 0; round < maxRounds; round++) {
    const res = await viewer.pull(COLLECTION, checkpoint, batch);
    for (const doc of res.documents) replica.set(String(doc['id']), doc);
    checkpoint = res.checkpoint;
    if (res.documents.length === 0) return replica.size;
  }
  throw new Error(`catch-up did not finish within ${maxRounds} pulls`);
}

function liveSide(viewer: OursClient, probe: Kiosk): LiveSide {
  return {
    async open(count, onDoc) {
      const opened = await Promise.all(Array.from({ length: count }, (_, i) => openSse({
        url: viewer.streamUrl(COLLECTION),
        headers: viewer.headers(),
        onMessage: (data) => {
          if (data === 'RESYNC' || data === '' || data[0] !== '{') return;
          const msg = JSON.parse(data) as { documents?: { id?: string }[] };
          for (const doc of msg.documents ?? []) if (doc.id) onDoc(i, doc.id);
        },
      })));
      return { close: async () => { closeAll(opened); await Promise.all(opened.map((s) => s.done)); } };
    },
    async write(id) {
      await pushAll(probe, [{ ...submittedEvent(probe.who, probe.clocks, 0), id }], 1);
    },
  };
}

function closeAll(streams: SseStream[]): void {
  for (const s of streams) s.close();
}

export async function createOursSide(opts: OursSideOptions): Promise<Side> {
  const server = opts.servers[0];
  const base = new OursClient(server.service.url);
  const label = `ours (${server.database}${opts.servers.length > 1 ? `, ${opts.servers.length} instances` : ''})`;
  const admin = await base.login(opts.admin.username, opts.admin.password);
  opts.log(`${label}: enrolling ${opts.kiosks + 1} kiosks`);
  const kiosks: Kiosk[] = [];
  for (let n = 0; n <= opts.kiosks; n++) kiosks.push(await enrollKiosk(admin, opts.places[n % opts.places.length] as KioskPlace, n, opts));
  const probe = kiosks.pop() as Kiosk;
  const viewer = await base.login(opts.viewer.username, opts.viewer.password);
  let expected = 0;
  return {
    label,
    async makeDocs(clients, perClient, offset) {
      expected += clients * perClient;
      return Array.from({ length: clients }, (_, c) => {
        const k = kiosks[c % kiosks.length] as Kiosk;
        return Array.from({ length: perClient }, (_, i) => submittedEvent(k.who, k.clocks, offset + c * perClient + i));
      });
    },
    async push(perClient, batch) {
      const before = kiosks.reduce((n, k) => n + k.client.busyRetries, 0);
      await Promise.all(perClient.map((docs, c) => pushAll(kiosks[c % kiosks.length] as Kiosk, docs, batch)));
      const busy = kiosks.reduce((n, k) => n + k.client.busyRetries, 0) - before;
      if (busy > 0) opts.log(`${label}: ${busy} pushes answered 503 BUSY (queue full) and sent again`);
    },
    catchUp: async () => catchUp(await base.login(opts.viewer.username, opts.viewer.password), opts.pullBatch, expected),
    live: liveSide(viewer, probe),
    newId: () => probe.clocks.newId(),
    rssBytes: () => server.service.rssBytes(),
    cpuPids: () => ({ servers: opts.servers.map((s) => s.service.pid), ...(opts.databasePid === undefined ? {} : { database: opts.databasePid }) }),
    ...(opts.settle ? { settle: opts.settle } : {}),
  };
}
