import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PushBody, sameDoc } from './push';

const json = fc.jsonValue({ maxDepth: 3 });
const doc = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.startsWith('_')), json, { maxKeys: 8 });

/** Reorders an object's keys, deeply (what a jsonb round trip does). */
function shuffle(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffle(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (seed % 2 === 1) entries.reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffle(v, seed + 1)]));
}

describe('sameDoc: equality as RxDB sees it', () => {
  it('ignores key order and RxDB metadata', () => {
    fc.assert(fc.property(doc, fc.nat(), fc.boolean(), (d, seed, deleted) => {
      const stored = { ...d, _deleted: deleted };
      const client = { ...(shuffle(d, seed) as object), _deleted: deleted, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
      expect(sameDoc(stored, client)).toBe(true);
    }));
  });

  it('sees any change of a value or of the deleted flag', () => {
    fc.assert(fc.property(doc, fc.string({ minLength: 1, maxLength: 8 }), json, (d, key, value) => {
      fc.pre(!key.startsWith('_') && JSON.stringify(d[key]) !== JSON.stringify(value));
      expect(sameDoc({ ...d, _deleted: false }, { ...d, [key]: value, _deleted: false })).toBe(false);
      expect(sameDoc({ ...d, _deleted: false }, { ...d, _deleted: true })).toBe(false);
    }));
  });
});

describe('PushBody parser', () => {
  it('accepts RxDB push rows and refuses anything else without throwing', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const parsed = PushBody.safeParse(value);
      if (parsed.success) expect(Array.isArray(value)).toBe(true);
    }));
    expect(PushBody.safeParse([{ assumedMasterState: null, newDocumentState: { id: 'a' } }]).success).toBe(true);
    expect(PushBody.safeParse([{ newDocumentState: 'x' }]).success).toBe(false);
  });
});
