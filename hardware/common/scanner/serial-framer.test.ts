import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSerialFramer, SUFFIX_BYTES, type ScanSuffix } from './serial-framer';
import { decodeScanText, encodeScanText as enc } from './text';

const dec = (b: Uint8Array) => decodeScanText(b);

describe('serial framer', () => {
  it('splits codes on CR LF and keeps a partial code for the next chunk', () => {
    const f = createSerialFramer('crlf');
    expect(f.push(enc('ABC123\r\nXY')).frames.map(dec)).toEqual(['ABC123']);
    expect(f.push(enc('Z\r')).frames).toEqual([]);
    expect(f.push(enc('\n')).frames.map(dec)).toEqual(['XYZ']);
  });

  it('drops an over-long frame without a suffix and reports it', () => {
    const f = createSerialFramer('cr', 8);
    const out = f.push(enc('0123456789'));
    expect(out).toEqual({ frames: [], overflowed: 10 });
    expect(f.push(enc('ok\r')).frames.map(dec)).toEqual(['ok']);
  });

  it('decodes UTF-8 and falls back to GB18030', () => {
    expect(decodeScanText(enc('回执 R-01'))).toBe('回执 R-01');
    expect(decodeScanText(Uint8Array.from([0xbb, 0xd8, 0xd6, 0xb4]))).toBe('回执');
  });

  it('returns every code whatever way the stream is chunked (property)', () => {
    const suffixes = Object.keys(SUFFIX_BYTES) as ScanSuffix[];
    const code = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/:.?=&'), minLength: 1, maxLength: 80 });
    fc.assert(fc.property(fc.constantFrom(...suffixes), fc.array(code, { maxLength: 10 }), fc.array(fc.nat(40), { maxLength: 20 }),
      (suffix, codes, cuts) => {
        const sfx = String.fromCharCode(...SUFFIX_BYTES[suffix]);
        const bytes = enc(codes.map((c) => c + sfx).join(''));
        const f = createSerialFramer(suffix);
        const got: string[] = [];
        let at = 0;
        for (const cut of [...cuts, bytes.length]) {
          const end = Math.min(bytes.length, at + cut);
          got.push(...f.push(bytes.subarray(at, end)).frames.map(dec));
          at = end;
        }
        got.push(...f.push(bytes.subarray(at)).frames.map(dec));
        expect(got).toEqual(codes);
      }));
  });
});
