import { parseScale } from '../scale';
// Sizes and limits of the sync benchmark, read once from the environment.
// Full size is the figures; BENCH_SCALE (0 < s ≤ 1) shrinks every count for a quick run.

export type Database = 'postgres' | 'pglite';
export type Phase = 'push' | 'catch-up' | 'live';
/** pouchdb-server's storage: LevelDB on disk (its default, as a deployment runs it) or memdown. */
export type PeerStorage = 'leveldb' | 'memory';
const PHASES: readonly Phase[] = ['push', 'catch-up', 'live'];

export interface SyncBenchConfig {
  scale: number;
  /** Figure 1: case events pushed, spread over `pushClients` concurrent clients. */
  pushEvents: number;
  pushClients: number;
  /** Figure 2: documents a fresh replica catches up. */
  catchUpDocs: number;
  /** Figures 3 and 4: live streams open at once. */
  streams: number;
  /** Documents per push request (both sides: RxDB and PouchDB both push in batches). */
  pushBatch: number;
  /** Documents per push request while seeding for the catch-up (untimed; the server's maximum). */
  seedBatch: number;
  /** Documents per pull request during catch-up (both sides). */
  pullBatch: number;
  databases: Database[];
  /**
   * Instances of our server on the one PostgreSQL server (BENCH_SYNC_INSTANCES, default 1);
   * the push clients are spread over them. PGlite lives in one server's process: always one.
   */
  instances: number;
  /** Where the peer keeps its documents (BENCH_SYNC_PEER). */
  peerStorage: PeerStorage;
  /** Which figures to measure: push (1), catch-up (2), live streams (3 and 4). */
  phases: ReadonlySet<Phase>;
  /** Upper bound of any single phase; a phase that runs longer fails instead of hanging. */
  phaseTimeoutMs: number;
  /** Upper bound for one write to reach every live stream. */
  deliveryTimeoutMs: number;
}

const FULL = { pushEvents: 50_000, pushClients: 100, catchUpDocs: 100_000, streams: 1_000 };

function parseDatabases(raw: string | undefined): Database[] {
  if (raw === undefined || raw.trim() === '') return ['postgres', 'pglite'];
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (name !== 'postgres' && name !== 'pglite') {
      throw new Error(`BENCH_SYNC_DATABASES 只能是 postgres,pglite / BENCH_SYNC_DATABASES may list postgres and pglite only, got "${name}"`);
    }
  }
  if (names.length === 0) throw new Error('BENCH_SYNC_DATABASES 为空 / BENCH_SYNC_DATABASES is empty');
  return [...new Set(names)] as Database[];
}

function parsePhases(raw: string | undefined): Set<Phase> {
  if (raw === undefined || raw.trim() === '') return new Set(PHASES);
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (!(PHASES as readonly string[]).includes(name)) {
      throw new Error(`BENCH_SYNC_PHASES 只能是 ${PHASES.join(',')} / BENCH_SYNC_PHASES may list ${PHASES.join(', ')} only, got "${name}"`);
    }
  }
  if (names.length === 0) throw new Error('BENCH_SYNC_PHASES 为空 / BENCH_SYNC_PHASES is empty');
  return new Set(names as Phase[]);
}

const MAX_INSTANCES = 16;

function parseInstances(raw: string | undefined): number {
  const text = (raw ?? '').trim();
  if (text === '') return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_INSTANCES) {
    throw new Error(`BENCH_SYNC_INSTANCES 须为 1 到 ${MAX_INSTANCES} 的整数 / BENCH_SYNC_INSTANCES must be a whole number from 1 to ${MAX_INSTANCES}, got "${text}"`);
  }
  return n;
}

function parsePeerStorage(raw: string | undefined): PeerStorage {
  const name = (raw ?? '').trim();
  if (name === '') return 'leveldb';
  if (name === 'leveldb' || name === 'memory') return name;
  throw new Error(`BENCH_SYNC_PEER 只能是 leveldb 或 memory / BENCH_SYNC_PEER must be leveldb or memory, got "${name}"`);
}

const scaled = (full: number, scale: number, min: number): number => Math.max(min, Math.round(full * scale));

export function syncBenchConfig(env: Record<string, string | undefined> = process.env): SyncBenchConfig {
  const scale = parseScale(env['BENCH_SCALE']);
  const pushClients = scaled(FULL.pushClients, scale, 1);
  return {
    scale,
    pushEvents: scaled(FULL.pushEvents, scale, pushClients),
    pushClients,
    catchUpDocs: scaled(FULL.catchUpDocs, scale, 10),
    streams: scaled(FULL.streams, scale, 2),
    pushBatch: 100,
    seedBatch: 500,
    pullBatch: 1_000,
    databases: parseDatabases(env['BENCH_SYNC_DATABASES']),
    instances: parseInstances(env['BENCH_SYNC_INSTANCES']),
    peerStorage: parsePeerStorage(env['BENCH_SYNC_PEER']),
    phases: parsePhases(env['BENCH_SYNC_PHASES']),
    phaseTimeoutMs: 45 * 60_000,
    deliveryTimeoutMs: 300_000,
  };
}
