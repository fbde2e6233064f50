import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_LENGTH, MAX_LEN, encodeFrame, encodeResponse, fromHex } from './frame';
import { FrameParser } from './frame-parser';
import type { ParseEvent } from './frame-parser';
import { Sw3 } from './status';

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Feeds `bytes` cut at the given points (any order, duplicates allowed). */
const feedSplit = (bytes: Uint8Array, cuts: number[], maxLen?: number): ParseEvent[] => {
  const parser = new FrameParser({ maxLen });
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const events: ParseEvent[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    events.push(...parser.push(bytes.subarray(from, p)));
    from = p;
  }
  return events;
};

const payloads = (events: ParseEvent[]): Uint8Array[] => events.flatMap((e) => (e.type === 'frame' ? [e.frame.payload] : []));

const frameArb = fc.uint8Array({ minLength: 2, maxLength: 300 }).map((p) => ({ payload: p, bytes: encodeFrame(p) }));
const cleanGarbage = fc.uint8Array({ maxLength: 40 }).map((g) => g.filter((b) => b !== 0xaa));
/** Byte soup biased towards the preamble, so the parser meets near-frames often. */
const soupArb = fc.array(fc.oneof(
  fc.uint8Array({ maxLength: 20 }),
  fc.constant(fromHex('AA AA AA 96 69')),
  fc.constant(fromHex('AA AA')),
  fc.tuple(fc.integer({ min: 0, max: 0xffff })).map(([n]) => Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, n >> 8, n & 0xff])),
  frameArb.map((f) => f.bytes),
), { maxLength: 30 }).map(concat);

describe('FrameParser', () => {
  it('finds frames between garbage and after a partial preamble', () => {
    const find = fromHex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    const events = new FrameParser().push(concat([fromHex('00 13 AA AA 96'), find, fromHex('AA AA AA FF'), encodeResponse(Sw3.success)]));
    expect(events.map((e) => e.type)).toEqual(['frame', 'frame']);
    expect(payloads(events)[0]).toEqual(fromHex('00 00 9F 00 00 00 00'));
  });

  it('reports a bad checksum and resynchronises on the next frame', () => {
    const events = new FrameParser().push(concat([fromHex('AA AA AA 96 69 00 03 20 01 21'), fromHex('AA AA AA 96 69 00 03 20 01 22')]));
    expect(events).toEqual([
      { type: 'bad-checksum', payload: fromHex('20 01') },
      { type: 'frame', frame: { payload: fromHex('20 01') } },
    ]);
  });

  it('reports an impossible length and keeps going', () => {
    const events = new FrameParser().push(concat([fromHex('AA AA AA 96 69 00 01 00'), fromHex('AA AA AA 96 69 00 03 11 FF ED')]));
    expect(events.map((e) => e.type)).toEqual(['bad-length', 'frame']);
  });

  it('recovers the frames that follow a frame cut short, once the bytes run past its length', () => {
    const read = encodeResponse(Sw3.success, new Uint8Array(1284));
    const status = encodeResponse(Sw3.success);
    const cut = read.subarray(0, 200);
    const after = Array.from({ length: 120 }, () => status);
    const events = new FrameParser().push(concat([cut, ...after]));
    expect(payloads(events).length).toBeGreaterThanOrEqual(110);
    expect(events.some((e) => e.type === 'bad-checksum')).toBe(true);
  });

  it('forgets a partial frame on reset', () => {
    const parser = new FrameParser();
    parser.push(encodeResponse(Sw3.success, new Uint8Array(100)).subarray(0, 50));
    expect(parser.buffered).toBe(50);
    parser.reset();
    expect(payloads(parser.push(encodeResponse(Sw3.findFailed)))).toEqual([fromHex('00 00 80')]);
  });

  it('returns every frame exactly, whatever clean garbage lies between them', () => {
    fc.assert(fc.property(fc.array(fc.tuple(cleanGarbage, frameArb), { maxLength: 12 }), cleanGarbage, (pairs, tail) => {
      const bytes = concat([...pairs.flatMap(([g, f]) => [g, f.bytes]), tail]);
      expect(payloads(new FrameParser().push(bytes))).toEqual(pairs.map(([, f]) => f.payload));
    }));
  });

  it('yields the same events wherever the input is split', () => {
    fc.assert(fc.property(soupArb, fc.array(fc.nat(), { maxLength: 40 }), (bytes, cuts) => {
      expect(feedSplit(bytes, cuts)).toEqual(feedSplit(bytes, []));
    }), { numRuns: 300 });
  });

  it('never throws and never holds more than one maximal frame, on any bytes', () => {
    fc.assert(fc.property(fc.oneof(soupArb, fc.uint8Array({ maxLength: 5000 })), fc.integer({ min: 3, max: MAX_LEN }), (bytes, maxLen) => {
      const parser = new FrameParser({ maxLen });
      for (let at = 0; at < bytes.length; at += 97) {
        parser.push(bytes.subarray(at, at + 97));
        expect(parser.buffered).toBeLessThan(HEADER_LENGTH + maxLen);
      }
    }), { numRuns: 300 });
  });

  it('consumes a megabyte of noise in bounded memory and time', () => {
    const parser = new FrameParser();
    let seed = 7;
    const noise = new Uint8Array(1 << 20).map(() => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 24; });
    const started = Date.now();
    for (let at = 0; at < noise.length; at += 4096) parser.push(noise.subarray(at, at + 4096));
    expect(parser.buffered).toBeLessThan(HEADER_LENGTH + MAX_LEN);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
