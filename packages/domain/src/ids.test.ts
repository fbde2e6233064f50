import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIdFactory, deviceTagOf, isUlidFromDevice, Ulid, ulidTime } from './ids';

const bytes = (seed: number) => (n: number) => new Uint8Array(n).map((_, i) => (seed * 31 + i * 17) & 0xff);

describe('ULIDs with the device inside', () => {
  it('is a 26-character Crockford ULID carrying its time and device tag', () => {
    const id = createIdFactory({ deviceId: 'kiosk-ht-24h', now: () => 1_772_000_000_000, random: bytes(7) })();
    expect(Ulid.safeParse(id).success).toBe(true);
    expect(id).toHaveLength(26);
    expect(ulidTime(id)).toBe(1_772_000_000_000);
    expect(isUlidFromDevice(id, 'kiosk-ht-24h')).toBe(true);
    expect(isUlidFromDevice(id, 'kiosk-other')).toBe(false);
  });

  it('counts up within one millisecond and when the clock steps back', () => {
    let t = 1_772_000_000_000;
    const next = createIdFactory({ deviceId: 'd1', now: () => t, random: () => new Uint8Array(7).fill(0xff) });
    const ids = [next(), next(), next()];
    t -= 5_000;
    ids.push(next());
    t += 10_000;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('property: ids of one factory strictly increase whatever the clock does', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 200 }), (times) => {
      let i = 0;
      const next = createIdFactory({ deviceId: 'd', now: () => times[i++ % times.length]!, random: bytes(3) });
      const ids = times.map(() => next());
      for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    }));
  });

  it('property: two devices in the same millisecond with the same randomness never collide', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 }), (a, b) => {
      fc.pre(a !== b && deviceTagOf(a) !== deviceTagOf(b));
      const ida = createIdFactory({ deviceId: a, now: () => 1, random: bytes(1) })();
      const idb = createIdFactory({ deviceId: b, now: () => 1, random: bytes(1) })();
      expect(ida).not.toBe(idb);
    }));
  });

  it('device tags of 10 000 sequential device ids are all distinct', () => {
    const tags = new Set(Array.from({ length: 10_000 }, (_, i) => deviceTagOf(`kiosk-${i}`)));
    expect(tags.size).toBe(10_000);
  });
});
