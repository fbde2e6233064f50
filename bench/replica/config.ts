import { parseScale } from '../scale';
// Sizes and limits of the replica benchmark, read once from the environment.
// Full size is the 50,000 documents; BENCH_SCALE (0 < s ≤ 1) shrinks it for a quick run.

export type ReplicaDatabase = 'postgres' | 'pglite';

export interface ReplicaBenchConfig {
  scale: number;
  /** Documents the fresh browser replica catches up (both sides, the same documents). */
  docs: number;
  /** Kiosks that submit them (ours: enrolled devices at one village site). */
  kiosks: number;
  /** Documents per seeding request (untimed). */
  seedBatch: number;
  /** Documents per pull request, both sides (our replica's default; BENCH_REPLICA_BATCH sets another, at most the server's 1,000). */
  pullBatch: number;
  /** How often our page counts its local events while it waits (ms). */
  pollMs: number;
  /** Ours also projects the events into `cases`, as a desk does; BENCH_REPLICA_CASES=0 leaves that out (to see its share). */
  projectCases: boolean;
  /** BENCH_REPLICA_PROFILE=1: CPU-profile both syncs and log where the time goes (not for figures). */
  profile: boolean;
  /** Our sync server's database. */
  database: ReplicaDatabase;
  /** Upper bound of one browser sync; a sync that runs longer fails instead of hanging. */
  syncTimeoutMs: number;
  /** The figures: at least 3× the peer's speed, longest main-thread task under 200 ms. */
  targetRatio: number;
  targetLongestTaskMs: number;
}

const FULL_DOCS = 50_000;

function parseDatabase(raw: string | undefined): ReplicaDatabase {
  if (raw === undefined || raw.trim() === '') return 'postgres';
  if (raw === 'postgres' || raw === 'pglite') return raw;
  throw new Error(`BENCH_REPLICA_DATABASE 只能是 postgres 或 pglite / BENCH_REPLICA_DATABASE must be postgres or pglite, got "${raw}"`);
}

function parseBatch(raw: string | undefined): number {
  // the replica's default (PULL_BATCH in packages/replica/src/replication.ts)
  if (raw === undefined || raw.trim() === '') return 1_000;
  const batch = Number(raw);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1_000) {
    throw new Error(`BENCH_REPLICA_BATCH 必须是 1 到 1000 的整数 / BENCH_REPLICA_BATCH must be an integer from 1 to 1000, got "${raw}"`);
  }
  return batch;
}

export function replicaBenchConfig(env: Record<string, string | undefined> = process.env): ReplicaBenchConfig {
  const scale = parseScale(env['BENCH_SCALE']);
  const docs = Math.max(100, Math.round(FULL_DOCS * scale));
  return {
    scale,
    docs,
    kiosks: Math.min(20, Math.max(1, Math.round(docs / 2_500))),
    seedBatch: 500,
    pullBatch: parseBatch(env['BENCH_REPLICA_BATCH']),
    pollMs: 50,
    projectCases: env['BENCH_REPLICA_CASES'] !== '0',
    profile: env['BENCH_REPLICA_PROFILE'] === '1',
    database: parseDatabase(env['BENCH_REPLICA_DATABASE']),
    syncTimeoutMs: 30 * 60_000,
    targetRatio: 3,
    targetLongestTaskMs: 200,
  };
}
