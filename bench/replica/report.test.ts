import { describe, expect, it } from 'vitest';
import { replicaBenchConfig } from './config';
import { buildReplicaFigures } from './report';

const result = (ms: number, longestMs: number) => ({ count: 5_000, ms, longTasks: { longestMs, longestAtMs: 10, count: 2, totalMs: longestMs * 2 } });

describe('replica bench figures', () => {
  it('prints time and throughput against the peer and the longest tasks against the target', () => {
    const { lines, verdicts } = buildReplicaFigures(replicaBenchConfig({ BENCH_SCALE: '0.1' }), result(2_000, 120), result(8_000, 400));
    expect(lines).toEqual([
      'replica catch-up 5000 docs in Chromium (time): ours 2 s, peer 8 s, ratio 0.25',
      'replica catch-up in Chromium (throughput): ours 2500 docs/s, peer 625 docs/s, ratio 4',
      'replica longest main-thread task while syncing: ours 120 ms, target 200 ms',
      'replica peer longest main-thread task while syncing: ours 400 ms, target 200 ms',
    ]);
    expect(verdicts[0]).toMatch(/4× .*: met/);
    expect(verdicts[1]).toMatch(/: met$/);
  });

  it('adds the time until every case is projected when ours projects', () => {
    const { lines, verdicts } = buildReplicaFigures(replicaBenchConfig({ BENCH_SCALE: '0.1' }), { ...result(2_000, 120), projectedMs: 4_000 }, result(8_000, 400));
    expect(lines[2]).toBe('replica catch-up in Chromium with every case projected (time): ours 4 s, peer 8 s, ratio 0.5');
    expect(verdicts[0]).toMatch(/4× .*: met; with every case projected 2×$/);
  });

  it('says plainly when a target is not met', () => {
    const { verdicts } = buildReplicaFigures(replicaBenchConfig({}), result(5_000, 250), result(6_000, 90));
    expect(verdicts[0]).toMatch(/NOT met/);
    expect(verdicts[1]).toMatch(/NOT met/);
  });
});
