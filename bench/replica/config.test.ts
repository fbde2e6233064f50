import { describe, expect, it } from 'vitest';
import { replicaBenchConfig } from './config';

describe('replica bench config', () => {
  it('is the issue size by default and scales down for a quick run', () => {
    expect(replicaBenchConfig({}).docs).toBe(50_000);
    expect(replicaBenchConfig({}).database).toBe('postgres');
    expect(replicaBenchConfig({}).projectCases).toBe(true);
    expect(replicaBenchConfig({}).pullBatch).toBe(1_000);
    expect(replicaBenchConfig({ BENCH_REPLICA_CASES: '0' }).projectCases).toBe(false);
    expect(replicaBenchConfig({ BENCH_SCALE: '0.1' }).docs).toBe(5_000);
    expect(replicaBenchConfig({ BENCH_SCALE: '0.0001' }).docs).toBe(100);
  });

  it('refuses a scale outside (0, 1] and an unknown database, in both languages', () => {
    expect(() => replicaBenchConfig({ BENCH_SCALE: '2' })).toThrow(/BENCH_SCALE 必须.*must be/);
    expect(() => replicaBenchConfig({ BENCH_SCALE: 'abc' })).toThrow(/BENCH_SCALE/);
    expect(() => replicaBenchConfig({ BENCH_REPLICA_DATABASE: 'mysql' })).toThrow(/只能是.*must be/);
    expect(replicaBenchConfig({ BENCH_REPLICA_DATABASE: 'pglite' }).database).toBe('pglite');
    expect(replicaBenchConfig({ BENCH_REPLICA_BATCH: '500' }).pullBatch).toBe(500);
    expect(() => replicaBenchConfig({ BENCH_REPLICA_BATCH: '1001' })).toThrow(/1 到 1000.*1 to 1000/);
    expect(() => replicaBenchConfig({ BENCH_REPLICA_BATCH: '2.5' })).toThrow(/BENCH_REPLICA_BATCH/);
  });
});
