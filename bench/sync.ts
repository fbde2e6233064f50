// `npm run bench -- sync`: our sync server (on a real PostgreSQL server and on embedded PGlite)
// against PouchDB replicating to pouchdb-server, same documents, same machine, same run.
//   1. push 50,000 case events from 100 concurrent clients        (events/s)
//   2. a fresh replica catching up 100,000 documents               (docs/s)
//   3. 1,000 live streams, one write: delivery latency p50/p99     (ms)
//   4. server RSS with 1,000 streams open (/proc/<pid>/status)     (MB)
// BENCH_SCALE=0.01 shrinks every count for a quick run; BENCH_SYNC_DATABASES=postgres|pglite
// picks our databases; BENCH_SYNC_INSTANCES=N runs N instances of our server on the one
// PostgreSQL server (push clients spread over them); BENCH_SYNC_PEER=memory runs
// pouchdb-server in memory instead of on LevelDB. The push also reports CPU per event
// (sync/cpu.ts). See docs/benchmarks.md, section "sync".
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startPostgres } from '@onetrip/testkit';
import { syncBenchConfig, type Database, type SyncBenchConfig } from './sync/config';
import { startOurServer, type OurServer } from './sync/ours-server';
import { createOursSide } from './sync/ours-side';
import { createPeerSide, startPeerServer } from './sync/peer';
import { clocksFor, kioskPlaces } from './sync/places';
import { measureSide, type Log, type SideResult } from './sync/side';
import { buildFigures } from './sync/report';

const DEMO_ADMIN = { username: 'admin', password: 'onetrip-demo' };

const log: Log = (line) => process.stderr.write(`[sync] ${line}\n`);

async function measurePeer(cfg: SyncBenchConfig): Promise<SideResult> {
  const server = await startPeerServer(await freePort(), cfg.peerStorage);
  try {
    const side = createPeerSide(server, { place: kioskPlaces()[0]!, clocksFor, pullBatch: cfg.pullBatch, storage: cfg.peerStorage });
    return await measureSide(side, cfg, log);
  } finally {
    await server.stop();
  }
}

/**
 * After the bulk load, VACUUM (ANALYZE) the benchmark's database — what an operator does after
 * loading 100,000 rows, and what autovacuum would otherwise start in the middle of a timed phase.
 */
async function vacuum(url: string): Promise<void> {
  await promisify(execFile)('psql', [url, '-qc', 'VACUUM (ANALYZE)'], { timeout: 600_000 });
}

/** The postmaster's pid: the first line of postmaster.pid in the data directory. */
async function postmasterPid(dataDir: string): Promise<number> {
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}`);
  return pid;
}

async function measureOurs(cfg: SyncBenchConfig, database: Database): Promise<SideResult> {
  const pg = database === 'postgres' ? await startPostgres() : null;
  const servers: OurServer[] = [];
  try {
    // PGlite lives inside one server's process; several instances need the PostgreSQL server.
    const instances = pg ? cfg.instances : 1;
    for (let i = 0; i < instances; i++) {
      servers.push(await startOurServer({ database, port: await freePort(), databaseUrl: pg?.url, demo: i === 0 }));
    }
    const side = await createOursSide({
      servers: servers as [OurServer, ...OurServer[]], admin: DEMO_ADMIN, viewer: DEMO_ADMIN, places: kioskPlaces(),
      kiosks: cfg.phases.has('push') || cfg.phases.has('catch-up') ? cfg.pushClients : 1,
      clocksFor, pullBatch: cfg.pullBatch, log,
      ...(pg ? { settle: () => vacuum(pg.url), databasePid: await postmasterPid(pg.dataDir) } : {}),
    });
    return await measureSide(side, cfg, log);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await pg?.stop();
  }
}

export async function run(opts: { env?: Record<string, string | undefined> } = {}): Promise<string[]> {
  const cfg = syncBenchConfig(opts.env ?? process.env);
  log(`scale ${cfg.scale}: ${cfg.pushEvents} events from ${cfg.pushClients} clients, catch-up ${cfg.catchUpDocs}, ${cfg.streams} streams; databases ${cfg.databases.join(', ')}`);
  if (cfg.instances > 1) log(`ours on PostgreSQL: ${cfg.instances} server instances, the push clients spread over them`);
  log(`peer: pouchdb-server ${cfg.peerStorage === 'memory' ? '--in-memory (BENCH_SYNC_PEER=memory)' : 'on LevelDB in a temp directory (its default)'}`);
  const started = performance.now();
  const peer = await measurePeer(cfg);
  const ours = new Map<Database, SideResult>();
  for (const database of cfg.databases) ours.set(database, await measureOurs(cfg, database));
  const { lines, verdicts } = buildFigures(ours, peer);
  for (const v of verdicts) log(v);
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((lines) => console.log(lines.join('\n')), (err: unknown) => { console.error(err); process.exitCode = 1; });
}
