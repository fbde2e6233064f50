// The benchmark page for our side (bundled with esbuild, loaded in Chromium): a fresh staff
// replica on the browser storage (memory + IndexedDB log) catching up from our sync server through the page host's /api
// proxy. Driven from Node through `window.benchPage`.
import { createHlc, createIdFactory } from '@onetrip/domain';
import type { Actor } from '@onetrip/domain';
import { openReplica, SEAL_WORKER_PATH, tokenCredentials } from '@onetrip/replica';
import { browserSealer, browserStorage } from '@onetrip/replica/browser';
import { longTasksBetween, longTasksSupported, nextPoll } from './long-tasks';
import type { SyncResult } from '../result';

export interface OursRunConfig {
  token: string;
  actor: Actor;
  deviceId: string;
  expected: number;
  /** Distinct cases among the documents: with the projection, done when `cases` holds them all. */
  expectedCases: number;
  batchSize: number;
  pollMs: number;
  projectCases: boolean;
  timeoutMs: number;
}

/** Time spent waiting for pull answers (request sent → body read), to tell the server's share from the page's. */
let pullWaitMs = 0;
let pulls = 0;
const timedFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.includes('/pull?')) return fetch(input, init);
  const started = performance.now();
  const res = await fetch(input, init);
  const body = await res.arrayBuffer();
  pullWaitMs += performance.now() - started;
  pulls++;
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
};

async function run(config: OursRunConfig): Promise<SyncResult> {
  const newId = createIdFactory({ deviceId: config.deviceId, now: Date.now, random: (n) => crypto.getRandomValues(new Uint8Array(n)) });
  const sealer = browserSealer(new URL(SEAL_WORKER_PATH, location.href));
  const started = performance.now();
  const replica = await openReplica({
    role: config.actor.role,
    scope: { regionCode: config.actor.regionCode, deviceId: config.deviceId, userId: config.actor.id },
    serverUrl: location.origin,
    credentials: tokenCredentials(config.token),
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    storage: browserStorage(),
    // as the desk does (Vite builds the worker there; this page's host serves it at SEAL_WORKER_PATH)
    sealer,
    name: `onetrip-bench-${config.deviceId}`,
    // What a desk replicates for its case list: the events and the cases projected from them.
    collections: config.projectCases ? ['caseEvents', 'cases'] : ['caseEvents'],
    batchSize: config.batchSize,
    fetch: timedFetch,
    commandContext: {
      actor: config.actor, deviceId: config.deviceId, newId,
      hlc: createHlc({ nodeId: config.deviceId, now: Date.now }),
      nowIso: () => new Date().toISOString(),
    },
  });
  const openMs = performance.now() - started;
  // a desk shows the sync status all the time
  let statusUpdates = 0;
  const status = replica.status$.subscribe(() => { statusUpdates++; });
  try {
    const events = replica.collection('caseEvents');
    const cases = config.projectCases ? replica.collection('cases') : undefined;
    // The page counts inserts from the change streams (each passed on only once its write is in
    // IndexedDB) and asks the database only to confirm the end (and every 2 s, in case an
    // insert was missed).
    const inserted = { events: 0, cases: 0 };
    const counting = [
      events.$.subscribe((e) => { if (e.operation === 'INSERT') inserted.events++; }),
      ...(cases ? [cases.$.subscribe((e) => { if (e.operation === 'INSERT') inserted.cases++; })] : []),
    ];
    let count = 0;
    let eventsAt: number | undefined;
    let lastExact = performance.now();
    try {
      while (performance.now() - started < config.timeoutMs) {
        const exact = performance.now() - lastExact > 2_000;
        if (exact) lastExact = performance.now();
        if (eventsAt === undefined && (exact || inserted.events >= config.expected)) {
          count = await events.count().exec();
          if (count >= config.expected) eventsAt = performance.now();
        }
        if (eventsAt !== undefined && (!cases || ((exact || inserted.cases >= config.expectedCases) && (await cases.count().exec()) >= config.expectedCases))) break;
        await nextPoll(config.pollMs);
      }
    } finally {
      for (const sub of counting) sub.unsubscribe();
    }
    const ended = performance.now();
    return {
      count, ms: (eventsAt ?? ended) - started, longTasks: longTasksBetween(started, ended), openMs,
      ...(cases ? { projectedMs: ended - started } : {}), statusUpdates, pulls, pullWaitMs, sealedIn: sealer.where,
    };
  } finally {
    status.unsubscribe();
    await replica.close();
  }
}

(globalThis as unknown as { benchPage: unknown }).benchPage = { run, longTasksSupported };
document.title = 'bench-ready';
