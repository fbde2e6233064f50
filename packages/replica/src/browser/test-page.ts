// The page the browser test loads (bundled with esbuild by e2e/browser-replica.test.ts):
// a village clerk's replica on IndexedDB (browserStorage, or RxDB's Dexie storage), driven from the test through
// `window.replicaPage`. It is test scaffolding, not shipped in an app.
import { createHlc, createIdFactory } from '@onetrip/domain';
import type { Actor } from '@onetrip/domain';
import { openReplica } from '../open-replica';
import type { Replica } from '../open-replica';
import { tokenCredentials } from '../http-client';
import type { ReplicaStatus } from '../status';
import { browserSealer, browserStorage, dexieStorage, onBrowserOnline } from './index';
import { SEAL_WORKER_PATH } from '../sealer';

interface PageConfig { token: string; actor: Actor; deviceId: string; key: number[]; name?: string; storage?: 'dexie' }

let replica: Replica | undefined;
let status: ReplicaStatus | undefined;

async function open(config: PageConfig): Promise<void> {
  replica = await openReplica({
    role: config.actor.role,
    scope: { regionCode: config.actor.regionCode, deviceId: config.deviceId, userId: config.actor.id },
    serverUrl: location.origin,
    credentials: tokenCredentials(config.token),
    encryptionKey: new Uint8Array(config.key),
    // 'dexie': what a device used before 2026-11-28, to test the upgrade
    storage: config.storage === 'dexie' ? dexieStorage() : browserStorage(),
    // the page host (node/page-server.ts) serves the bundled seal worker here
    sealer: browserSealer(SEAL_WORKER_PATH),
    name: config.name ?? 'onetrip-browser-test',
    collections: ['caseEvents', 'cases', 'blobs'],
    backoff: { baseMs: 100, maxMs: 1_000 },
    commandContext: {
      actor: config.actor, deviceId: config.deviceId,
      newId: createIdFactory({ deviceId: config.deviceId, now: Date.now, random: (n) => crypto.getRandomValues(new Uint8Array(n)) }),
      hlc: createHlc({ nodeId: config.deviceId, now: Date.now }),
      nowIso: () => new Date().toISOString(),
    },
  });
  replica.status$.subscribe((s) => { status = s; });
  onBrowserOnline(() => replica?.reconnectNow());
}

async function submit(input: Parameters<Replica['commands']['submitApplication']>[0]): Promise<string> {
  if (!replica) throw new Error('not open');
  return (await replica.commands.submitApplication(input)).caseId;
}

/** Every record of every IndexedDB database of this origin, as text. */
async function rawIndexedDb(): Promise<string> {
  const out: unknown[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name as string);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      out.push({ db: info.name, store, rows });
    }
    db.close();
  }
  return JSON.stringify(out);
}

const page = {
  open,
  submit,
  rawIndexedDb,
  status: () => status,
  caseStatus: async (caseId: string) => (await replica?.collection('cases').findOne(caseId).exec())?.get('status') as string | undefined,
  /** The applicant's name from the sealed case state (opened by the seal worker after a reload). */
  applicantName: async (caseId: string) => ((await replica?.collection('cases').findOne(caseId).exec())?.get('state') as { applicant?: { name?: string } } | undefined)?.applicant?.name,
  sealedIn: () => browserSealer(SEAL_WORKER_PATH).where,
  close: async () => { await replica?.close(); replica = undefined; },
  databases: async () => (await indexedDB.databases()).map((d) => d.name ?? ''),
};

(globalThis as unknown as { replicaPage: typeof page }).replicaPage = page;
document.title = 'replica-test-ready';
