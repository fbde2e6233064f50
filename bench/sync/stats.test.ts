import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFigure, percentile, perSecond, round } from './stats';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is one of the samples, and never decreases with p', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 200 }),
      fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (samples, p, q) => {
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        expect(samples).toContain(percentile(samples, lo));
        expect(percentile(samples, lo)).toBeLessThanOrEqual(percentile(samples, hi));
      }));
  });

  it('refuses no samples and p out of range', () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
    expect(() => percentile([1], Number.NaN)).toThrow();
  });
});

describe('figures', () => {
  it('prints the STYLE.md line with ours ÷ peer as the ratio', () => {
    expect(formatFigure({ name: 'sync.push.postgres', unit: 'events/s', ours: 10_432.6, peer: 1_987.2 }))
      .toBe('sync.push.postgres: ours 10433 events/s, peer 1987 events/s, ratio 5.25');
    expect(formatFigure({ name: 'sync.delivery-p99.pglite', unit: 'ms', ours: 12.345, peer: 1103.75 }))
      .toBe('sync.delivery-p99.pglite: ours 12.3 ms, peer 1104 ms, ratio 0.011');
  });

  it('prints a target line when there is no peer', () => {
    expect(formatFigure({ name: 'sync.target.server-rss.postgres', unit: 'MB', ours: 141.26, target: 300 }))
      .toBe('sync.target.server-rss.postgres: ours 141 MB, target 300 MB');
  });

  it('rounds to about three significant digits and computes rates', () => {
    expect(round(3.14159)).toBe(3.14);
    expect(round(31.4159)).toBe(31.4);
    expect(round(314.159)).toBe(314);
    expect(round(0.000133)).toBe(0.00013);
    expect(round(0)).toBe(0);
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
