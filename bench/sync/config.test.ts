import { describe, expect, it } from 'vitest';
import { syncBenchConfig } from './config';

describe('syncBenchConfig', () => {
  it('defaults to the issue\'s full sizes on both databases', () => {
    const cfg = syncBenchConfig({});
    expect(cfg).toMatchObject({ scale: 1, pushEvents: 50_000, pushClients: 100, catchUpDocs: 100_000, streams: 1_000 });
    expect(cfg.databases).toEqual(['postgres', 'pglite']);
  });

  it('scales every count down, keeping at least one client and two streams', () => {
    expect(syncBenchConfig({ BENCH_SCALE: '0.01' })).toMatchObject({ pushEvents: 500, pushClients: 1, catchUpDocs: 1_000, streams: 10 });
    expect(syncBenchConfig({ BENCH_SCALE: '0.0001' })).toMatchObject({ pushClients: 1, pushEvents: 5, catchUpDocs: 10, streams: 2 });
  });

  it('refuses a scale outside (0, 1] and unknown databases, in Chinese and English', () => {
    expect(() => syncBenchConfig({ BENCH_SCALE: '0' })).toThrow(/BENCH_SCALE 必须.*must be/);
    expect(() => syncBenchConfig({ BENCH_SCALE: '2' })).toThrow(/BENCH_SCALE/);
    expect(() => syncBenchConfig({ BENCH_SCALE: 'fast' })).toThrow(/BENCH_SCALE/);
    expect(() => syncBenchConfig({ BENCH_SYNC_DATABASES: 'mysql' })).toThrow(/postgres,pglite/);
    expect(syncBenchConfig({ BENCH_SYNC_DATABASES: 'pglite, pglite' }).databases).toEqual(['pglite']);
    expect(() => syncBenchConfig({ BENCH_SYNC_PHASES: 'pull' })).toThrow(/BENCH_SYNC_PHASES 只能是.*may list/);
  });

  it('runs the peer on LevelDB unless told to keep it in memory', () => {
    expect(syncBenchConfig({}).peerStorage).toBe('leveldb');
    expect(syncBenchConfig({ BENCH_SYNC_PEER: 'memory' }).peerStorage).toBe('memory');
    expect(() => syncBenchConfig({ BENCH_SYNC_PEER: 'couchdb' })).toThrow(/BENCH_SYNC_PEER 只能是.*must be/);
  });

  it('runs one instance of our server unless told to run several, up to 16', () => {
    expect(syncBenchConfig({}).instances).toBe(1);
    expect(syncBenchConfig({ BENCH_SYNC_INSTANCES: ' 4 ' }).instances).toBe(4);
    for (const bad of ['0', '17', '1.5', 'two']) {
      expect(() => syncBenchConfig({ BENCH_SYNC_INSTANCES: bad })).toThrow(/BENCH_SYNC_INSTANCES 须为.*must be a whole number/);
    }
  });

  it('measures every phase unless told otherwise', () => {
    expect([...syncBenchConfig({}).phases]).toEqual(['push', 'catch-up', 'live']);
    expect([...syncBenchConfig({ BENCH_SYNC_PHASES: 'live' }).phases]).toEqual(['live']);
  });
});
