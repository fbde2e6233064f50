import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWedgeDetector, WEDGE_DEFAULTS, type WedgeDecision } from './wedge-detector';

const printable = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/:.?=&回执');
const { maxGapMs, minLength } = WEDGE_DEFAULTS;

/** Feed keys with the given gaps (gaps[i] is the pause before keys[i]); return the decisions. */
function feed(keys: string[], gaps: number[], start = 1000): (WedgeDecision | undefined)[] {
  const d = createWedgeDetector();
  let t = start;
  return keys.map((k, i) => { t += gaps[i] ?? 0; return d.key(k, t); });
}

describe('keyboard-wedge detector', () => {
  it('a fast burst ending in Enter is a scan; Shift does not break it', () => {
    const out = feed(['Shift', 'R', '-', '0', '1', 'Enter'], [0, 3, 5, 4, 6, 5]);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'R-01' });
  });

  it('slow typing ending in Enter is typing', () => {
    expect(feed(['1', '2', '3', '4', 'Enter'], [0, 150, 180, 120, 200]).at(-1)).toEqual({ kind: 'typing' });
  });

  it('any fast burst of at least minLength keys is a scan with exactly those keys (property)', () => {
    fc.assert(fc.property(fc.array(printable, { minLength, maxLength: 200 }), fc.array(fc.integer({ min: 0, max: maxGapMs })),
      (keys, gaps) => {
        const out = feed([...keys, 'Enter'], [0, ...keys.map((_, i) => gaps[i % Math.max(1, gaps.length)] ?? 1)]);
        expect(out.at(-1)).toEqual({ kind: 'scan', code: keys.join('') });
      }));
  });

  it('keys with human pauses never make a scan (property)', () => {
    fc.assert(fc.property(fc.array(printable, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: maxGapMs + 1, max: 2000 }), { minLength: 1 }),
      (keys, gaps) => {
        const seq = [...keys, 'Enter'];
        const out = feed(seq, seq.map((_, i) => gaps[i % gaps.length]!));
        expect(out.filter((o) => o?.kind === 'scan')).toEqual([]);
      }));
  });

  it('a scan right after typing yields only the scanned code (property)', () => {
    fc.assert(fc.property(fc.array(printable, { maxLength: 10 }), fc.array(printable, { minLength, maxLength: 60 }),
      (typed, scanned) => {
        const keys = [...typed, ...scanned, 'Enter'];
        const gaps = [...typed.map(() => 300), 300, ...scanned.slice(1).map(() => 8), 8];
        expect(feed(keys, gaps).at(-1)).toEqual({ kind: 'scan', code: scanned.join('') });
      }));
  });

  it('a burst shorter than minLength is typing', () => {
    expect(feed(['1', '2', 'Enter'], [0, 5, 5]).at(-1)).toEqual({ kind: 'typing' });
  });
});
