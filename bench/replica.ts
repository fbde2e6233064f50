// `npm run bench -- replica`: a fresh browser replica catching up 50,000 documents in Chromium.
//   ours: openReplica on the browser storage (memory + IndexedDB log) pulling case events from our sync server
//   peer: PouchDB on pouchdb-adapter-idb replicating the same documents from pouchdb-server
// Time from starting replication to every document present locally, and the longest
// main-thread task ('longtask' PerformanceObserver) during each sync. BENCH_SCALE=0.1 shrinks
// the count for a quick run; BENCH_REPLICA_DATABASE=pglite runs our server on PGlite;
// BENCH_REPLICA_CASES=0 opens only the events (no cases projection) to see the projection's share.
// See docs/benchmarks.md, section "replica".
import { fileURLToPath } from 'node:url';
import { replicaBenchConfig } from './replica/config';
import { runInChromium } from './replica/browser-run';
import { buildReplicaFigures } from './replica/report';
import { CLERK, seedOurs, seedPeer, type OursSeeded, type Seeded } from './replica/sides';
import type { SyncResult } from './replica/result';

const log = (line: string) => process.stderr.write(`[replica] ${line}\n`);
const page = (name: string) => fileURLToPath(new URL(`./replica/pages/${name}-page.ts`, import.meta.url));

function checkCount(label: string, result: SyncResult, expected: number): void {
  log(`${label}: ${result.count} documents in ${Math.round(result.ms)} ms, longest task ${Math.round(result.longTasks.longestMs)} ms at +${Math.round(result.longTasks.longestAtMs)} ms${result.openMs === undefined ? '' : `, openReplica took ${Math.round(result.openMs)} ms`}${result.projectedMs === undefined ? '' : `, every case projected at +${Math.round(result.projectedMs)} ms`}${result.statusUpdates === undefined ? '' : `, ${result.statusUpdates} status updates`}${result.pullWaitMs === undefined ? '' : `, ${result.pulls} pulls waited ${Math.round(result.pullWaitMs)} ms for the server`}${result.sealedIn === undefined ? '' : `, sealed in the ${result.sealedIn}`}`);
  if (result.count < expected) throw new Error(`${label}: the browser replica holds ${result.count} documents, expected ${expected}`);
}

export async function run(opts: { env?: Record<string, string | undefined> } = {}): Promise<string[]> {
  const cfg = replicaBenchConfig(opts.env ?? process.env);
  if (cfg.profile) log('CPU profiling is on: the times of this run are slower than unprofiled ones and are not figures');
  log(`scale ${cfg.scale}: ${cfg.docs} case events, pull batch ${cfg.pullBatch}, ours on ${cfg.database}${cfg.projectCases ? ' with the cases projection' : ', events only (no cases projection)'}`);
  const started = performance.now();
  let ours: OursSeeded | undefined;
  let peer: Seeded | undefined;
  try {
    ours = await seedOurs(cfg, log);
    peer = await seedPeer(cfg, ours.docs, log);
    const expected = ours.docs.length;
    // every seeded event submits its own case; counted rather than assumed
    const expectedCases = new Set(ours.docs.map((d) => ('caseId' in d && typeof d.caseId === 'string' ? d.caseId : d.id))).size;
    const peerResult = await runInChromium({
      label: 'peer (PouchDB idb ← pouchdb-server)', entry: page('peer'), apiPort: peer.port, log, profile: cfg.profile,
      config: { expected, batchSize: cfg.pullBatch, timeoutMs: cfg.syncTimeoutMs },
    });
    checkCount('peer', peerResult, expected);
    const oursResult = await runInChromium({
      label: 'ours (RxDB ← sync server)', entry: page('ours'), apiPort: ours.port, log, profile: cfg.profile,
      config: { token: ours.token, actor: CLERK, deviceId: 'bench-desk-1', expected, expectedCases, batchSize: cfg.pullBatch, pollMs: cfg.pollMs, projectCases: cfg.projectCases, timeoutMs: cfg.syncTimeoutMs },
    });
    checkCount('ours', oursResult, expected);
    const { lines, verdicts } = buildReplicaFigures(cfg, oursResult, peerResult);
    for (const v of verdicts) log(v);
    log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
    return lines;
  } finally {
    await peer?.stop();
    await ours?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((lines) => console.log(lines.join('\n')), (err: unknown) => { console.error(err); process.exitCode = 1; });
}
