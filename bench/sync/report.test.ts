import { describe, expect, it } from 'vitest';
import { buildFigures } from './report';
import type { SideResult } from './side';

const peer: SideResult = { pushPerSec: 1000, catchUpPerSec: 2000, p50Ms: 900, p99Ms: 1000, rssMB: 250, undelivered: 0 };

describe('buildFigures', () => {
  it('prints every figure per database against the one peer, then the PostgreSQL targets', () => {
    const pg: SideResult = { pushPerSec: 6000, catchUpPerSec: 4000, p50Ms: 20, p99Ms: 600, rssMB: 150, undelivered: 0 };
    const { lines, verdicts } = buildFigures(new Map([['postgres', pg]]), peer);
    expect(lines).toContain('sync.push.postgres: ours 6000 events/s, peer 1000 events/s, ratio 6');
    expect(lines).toContain('sync.target.delivery-p99.postgres: ours 600 ms, target 500 ms');
    expect(lines).toHaveLength(9);
    expect(verdicts).toEqual([
      'target met: push 6× the peer (target ≥ 5×)',
      'TARGET MISSED: catch-up 2× the peer (target ≥ 5×)',
      'TARGET MISSED: delivery p99 600 ms (target < 500 ms)',
      'target met: server RSS 150 MB (target < 300 MB)',
    ]);
  });

  it('leaves out phases that were not measured, and flags censored delivery figures', () => {
    const live: SideResult = { pushPerSec: Number.NaN, catchUpPerSec: Number.NaN, p50Ms: 30, p99Ms: 40, rssMB: 120, undelivered: 0 };
    const slowPeer = { ...live, p50Ms: 300_000, p99Ms: 300_000, undelivered: 1000 };
    const { lines, verdicts } = buildFigures(new Map([['pglite', live]]), slowPeer);
    expect(lines).toEqual([
      'sync.delivery-p50.pglite: ours 30 ms, peer 300000 ms, ratio 0.0001',
      'sync.delivery-p99.pglite: ours 40 ms, peer 300000 ms, ratio 0.00013',
      'sync.server-rss.pglite: ours 120 MB, peer 120 MB, ratio 1',
    ]);
    expect(verdicts.join('\n')).toMatch(/peer: 1000 streams never delivered/);
  });
});

describe('the push CPU figures', () => {
  it('print CPU per event of both sides and what 5× the peer leaves of the machine', () => {
    const pg: SideResult = { pushPerSec: 3000, catchUpPerSec: Number.NaN, p50Ms: Number.NaN, p99Ms: Number.NaN, rssMB: Number.NaN, undelivered: 0,
      pushCpu: { client: 60, server: 200, database: 90 } };
    const cpuPeer: SideResult = { ...peer, pushCpu: { client: 100, server: 500, database: Number.NaN } };
    const { lines, verdicts } = buildFigures(new Map([['postgres', pg]]), cpuPeer, 2);
    expect(lines).toContain('sync.push-cpu.postgres: ours 350 µs/event, peer 600 µs/event, ratio 0.58');
    // 5 × 1000 events/s on 2 cores: 400 µs per event.
    expect(verdicts).toContain('push CPU: 5× the peer is 5000 events/s, which leaves 400 µs of CPU per event on 2 cores; '
      + 'ours used client 60 µs + server 200 µs + database 90 µs = 350 µs (0.88× that), the peer client 100 µs + server 500 µs = 600 µs');
  });

  it('are left out when a side did not push', () => {
    const { lines, verdicts } = buildFigures(new Map([['postgres', { ...peer, pushCpu: { client: 1, server: 1, database: 1 } }]]), peer, 2);
    expect(lines.some((l) => l.includes('push-cpu'))).toBe(false);
    expect(verdicts.some((v) => v.startsWith('push CPU'))).toBe(false);
  });
});
