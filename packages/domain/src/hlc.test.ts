import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHlc, formatHlc, HlcString, parseHlc } from './hlc';
import { DomainError } from './errors';

describe('hybrid logical clock', () => {
  it('formats fixed-width and parses back', () => {
    const clock = createHlc({ nodeId: 'kiosk-1', now: () => 1_772_000_000_000 });
    const a = clock.now();
    const b = clock.now();
    expect(HlcString.safeParse(a).success).toBe(true);
    expect(a).toHaveLength(30);
    expect(b > a).toBe(true);
    expect(formatHlc(parseHlc(b))).toBe(b);
  });

  it('moves past a remote timestamp from a faster clock within the drift bound', () => {
    const local = createHlc({ nodeId: 'a', now: () => 1_000_000 });
    const remote = createHlc({ nodeId: 'b', now: () => 1_060_000 }).now();
    const merged = local.receive(remote);
    expect(merged > remote).toBe(true);
    expect(local.now() > merged).toBe(true);
  });

  it('refuses a remote clock too far ahead, with a clear bilingual error', () => {
    const local = createHlc({ nodeId: 'a', now: () => 1_000_000, maxDriftMs: 60_000 });
    const remote = createHlc({ nodeId: 'b', now: () => 1_000_000 + 3_600_000 }).now();
    try {
      local.receive(remote);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('HLC_DRIFT');
      expect((error as DomainError).zh).toMatch(/校准/);
    }
    expect(() => local.receive('garbage')).toThrow(/HLC|时钟/);
  });

  it('property: causality — a receive is after what was received and after the previous local stamp', () => {
    const step = fc.record({ remoteWall: fc.integer({ min: 0, max: 2_000_000 }), remoteCounter: fc.integer({ min: 0, max: 99 }), advance: fc.integer({ min: -1000, max: 1000 }) });
    fc.assert(fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
      let t = 1_000_000;
      const clock = createHlc({ nodeId: 'n', now: () => t, maxDriftMs: 10_000_000 });
      let last = clock.now();
      for (const s of steps) {
        t = Math.max(0, t + s.advance);
        const remote = formatHlc({ wall: s.remoteWall, counter: s.remoteCounter, node: '0000000f' });
        const merged = clock.receive(remote);
        expect(merged > remote && merged > last).toBe(true);
        last = clock.now();
        expect(last > merged).toBe(true);
      }
    }));
  });
});
