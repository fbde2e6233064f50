import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stableStringify } from '../domain';
import { sameJson } from './json-equal';

/** Reorders keys deeply (a jsonb round trip does) and, with `drop`, gives one key the value undefined. */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v], i) => [k, reorder(v, seed + i)] as const);
  if (seed % 2 === 1) entries.reverse();
  return Object.fromEntries(entries);
}

/** A small change somewhere inside, or none if there is nowhere to make it. */
function mutate(value: unknown, path: number): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [null] : value.map((v, i) => (i === path % value.length ? mutate(v, path >> 1) : v));
  if (value === null || typeof value !== 'object') return typeof value === 'number' ? value + 1 : typeof value === 'string' ? `${value}x` : value === null ? 0 : !value;
  const keys = Object.keys(value);
  if (keys.length === 0) return { k: 1 };
  const key = keys[path % keys.length]!;
  return path % 5 === 0 ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) : { ...value, [key]: mutate((value as Record<string, unknown>)[key], path >> 1) };
}

const json = fc.jsonValue({ maxDepth: 4 });

describe('sameJson: equality of JSON values, key order ignored', () => {
  it('agrees with comparing stableStringify texts, for equal, reordered and changed values', () => {
    fc.assert(fc.property(json, json, fc.nat(), fc.integer({ min: 0, max: 2 }), (a, other, seed, kind) => {
      const b = kind === 0 ? reorder(a, seed) : kind === 1 ? mutate(reorder(a, seed), seed) : other;
      expect(sameJson(a, b)).toBe(stableStringify(a) === stableStringify(b));
      expect(sameJson(b, a)).toBe(sameJson(a, b));
    }), { numRuns: 2000 });
  });

  it('treats keys whose value is undefined as absent, like JSON', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, { x: [] }], [1, { x: {} }])).toBe(false);
    expect(sameJson({ x: [1, 2] }, { x: [2, 1] })).toBe(false);
  });
});
