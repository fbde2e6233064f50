// Every command of shared/vectors/escpos.md, byte for byte.
import { describe, expect, it } from 'vitest';
import { concatBytes, escpos, fromHex, toHex } from './escpos-commands';

const hex = (b: Uint8Array): string => toHex(b);

describe('ESC/POS commands (wire-facts table)', () => {
  it.each([
    ['initialise', escpos.initialise(), '1B 40'],
    ['Chinese character mode on', escpos.chineseOn(), '1C 26'],
    ['Chinese character mode off', escpos.chineseOff(), '1C 2E'],
    ['code page 0', escpos.codePage(0), '1B 74 00'],
    ['code page 255', escpos.codePage(255), '1B 74 FF'],
    ['size 1×1', escpos.size(1, 1), '1D 21 00'],
    ['size 2×2', escpos.size(2, 2), '1D 21 11'],
    ['size width 3 height 1', escpos.size(3, 1), '1D 21 20'],
    ['size width 1 height 8', escpos.size(1, 8), '1D 21 07'],
    ['size 8×8', escpos.size(8, 8), '1D 21 77'],
    ['align left', escpos.align('left'), '1B 61 00'],
    ['align centre', escpos.align('center'), '1B 61 01'],
    ['align right', escpos.align('right'), '1B 61 02'],
    ['bold on', escpos.bold(true), '1B 45 01'],
    ['bold off', escpos.bold(false), '1B 45 00'],
    ['feed and partial cut', escpos.feedAndCut(true, 3), '1D 56 42 03'],
    ['feed and full cut', escpos.feedAndCut(false, 0), '1D 56 41 00'],
    ['full cut', escpos.cut(false), '1D 56 00'],
    ['partial cut', escpos.cut(true), '1D 56 01'],
    ['QR model 2', escpos.qrModel2(), '1D 28 6B 04 00 31 41 32 00'],
    ['QR module size 6', escpos.qrModuleSize(6), '1D 28 6B 03 00 31 43 06'],
    ['QR error correction L', escpos.qrErrorCorrection('L'), '1D 28 6B 03 00 31 45 30'],
    ['QR error correction M', escpos.qrErrorCorrection('M'), '1D 28 6B 03 00 31 45 31'],
    ['QR error correction Q', escpos.qrErrorCorrection('Q'), '1D 28 6B 03 00 31 45 32'],
    ['QR error correction H', escpos.qrErrorCorrection('H'), '1D 28 6B 03 00 31 45 33'],
    ['QR store "AB"', escpos.qrStore(Uint8Array.of(0x41, 0x42)), '1D 28 6B 05 00 31 50 30 41 42'],
    ['QR print', escpos.qrPrint(), '1D 28 6B 03 00 31 51 30'],
    ['raster 16×2', escpos.rasterImage(16, 2, Uint8Array.of(1, 2, 3, 4)), '1D 76 30 00 02 00 02 00 01 02 03 04'],
    ['status: printer', escpos.status(1), '10 04 01'],
    ['status: offline cause', escpos.status(2), '10 04 02'],
    ['status: error cause', escpos.status(3), '10 04 03'],
    ['status: paper roll sensor', escpos.status(4), '10 04 04'],
  ])('%s', (_name, bytes, expected) => {
    expect(hex(bytes)).toBe(expected);
  });

  it('QR store length is pL + 256·pH = k + 3', () => {
    const data = new Uint8Array(300).fill(0x31);
    const out = escpos.qrStore(data);
    expect((out[3] ?? 0) + 256 * (out[4] ?? 0)).toBe(303);
    expect(out.length).toBe(8 + 300);
  });

  it('rejects parameters outside the command range', () => {
    expect(() => escpos.size(0, 1)).toThrow(RangeError);
    expect(() => escpos.size(1, 9)).toThrow(RangeError);
    expect(() => escpos.status(5)).toThrow(RangeError);
    expect(() => escpos.rasterImage(8, 2, Uint8Array.of(1))).toThrow(RangeError);
  });

  it('hex helpers round-trip', () => {
    const b = concatBytes([escpos.initialise(), escpos.bold(true)]);
    expect(fromHex(toHex(b))).toEqual(b);
    expect(() => fromHex('1B 4')).toThrow(RangeError);
  });
});
