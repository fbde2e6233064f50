import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PullPage } from './pull';

const row = (i: number, size: number) => ({ json: JSON.stringify({ id: `d${i}`, pad: 'x'.repeat(size), _deleted: false }), id: `d${i}`, seq: i, caseId: null });

describe('PullPage.chunks', () => {
  it('for any page: the pieces make the page\'s answer (and its json), and none is a large object', () => {
    fc.assert(fc.property(fc.array(fc.nat(5_000), { maxLength: 300 }), fc.option(fc.nat(10_000), { nil: null }), (sizes, last) => {
      const rows = sizes.map((size, i) => row(i + 1, size));
      const page = new PullPage(rows, last === null ? null : { id: `d${last}`, updatedAt: last });
      const pieces = [...page.chunks()];
      for (const piece of pieces) expect(piece.length).toBeLessThan(64 * 1024);
      const checkpoint = last === null ? null : { id: `d${last}`, updatedAt: last };
      expect(JSON.parse(pieces.join(''))).toEqual({ documents: rows.map((r) => JSON.parse(r.json)), checkpoint });
      expect(page.json).toBe(pieces.join(''));
    }), { numRuns: 200 });
  });

  it('a page of 1,000 case-event-sized documents goes out in about thirty pieces', () => {
    const page = new PullPage(Array.from({ length: 1000 }, (_, i) => row(i, 1400)), { id: 'd999', updatedAt: 999 });
    expect([...page.chunks()].length).toBeGreaterThan(20);
  });
});
