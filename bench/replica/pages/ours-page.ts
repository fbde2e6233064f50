// The benchmark page for our side (bundled with esbuild, loaded in Chromium): a fresh staff
// replica on Dexie (IndexedDB) catching up from our sync server through the page host's /api
// proxy. Driven from Node through `window.benchPage`.
import { createHlc, createIdFactory } from '@onetrip/domain';
import type { Actor } from '@onetrip/domain';
import { openReplica, tokenCredentials } from '@onetrip/replica';
import { browserStorage } from '@onetrip/replica/browser';
import { longTasksBetween, longTasksSupported, nextPoll } from './long-tasks';
import type { SyncResult } from '../result';

export interface OursRunConfig {
  token: string;
  actor: Actor;
  deviceId: string;
  expected: number;
  batchSize: number;
  pollMs: number;
  projectCases: boolean;
  timeoutMs: number;
}

async function run(config: OursRunConfig): Promise<SyncResult> {
  const newId = createIdFactory({ deviceId: config.deviceId, now: Date.now, random: (n) => crypto.getRandomValues(new Uint8Array(n)) });
  const started = performance.now();
  const replica = await openReplica({
    role: config.actor.role,
    scope: { regionCode: config.actor.regionCode, deviceId: config.deviceId, userId: config.actor.id },
    serverUrl: location.origin,
    credentials: tokenCredentials(config.token),
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    storage: browserStorage(),
    name: `onetrip-bench-${config.deviceId}`,
    // What a desk replicates for its case list: the events and the cases projected from them.
    collections: config.projectCases ? ['caseEvents', 'cases'] : ['caseEvents'],
    batchSize: config.batchSize,
    commandContext: {
      actor: config.actor, deviceId: config.deviceId, newId,
      hlc: createHlc({ nodeId: config.deviceId, now: Date.now }),
      nowIso: () => new Date().toISOString(),
    },
  });
  const openMs = performance.now() - started;
  try {
    const events = replica.collection('caseEvents');
    let count = 0;
    while (performance.now() - started < config.timeoutMs) {
      count = await events.count().exec();
      if (count >= config.expected) break;
      await nextPoll(config.pollMs);
    }
    const ended = performance.now();
    return { count, ms: ended - started, longTasks: longTasksBetween(started, ended), openMs };
  } finally {
    await replica.close();
  }
}

(globalThis as unknown as { benchPage: unknown }).benchPage = { run, longTasksSupported };
document.title = 'bench-ready';
