import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHidScanAssembler, decodeScannedDataReport, encodeScannedDataReports } from './hid-pos';
import { HID_FIXTURES } from './hid-pos.fixtures';
import { decodeScanText } from './text';

describe('HID POS scanned-data reports', () => {
  it('decodes recorded single-report scans', () => {
    const r = decodeScannedDataReport(HID_FIXTURES.receiptQr);
    expect(r.ok && r.report.aimId).toBe(']Q1');
    expect(r.ok && decodeScanText(r.report.data)).toBe('https://ot.example/r/01JD8Z3K4M5N6P7Q8R9S0T1V2W');
    expect(r.ok && r.report.continued).toBe(false);
    const ean = decodeScannedDataReport(HID_FIXTURES.ean13);
    expect(ean.ok && [ean.report.aimId, decodeScanText(ean.report.data)]).toEqual([']E0', '6901234567892']);
  });

  it('joins a code split over two reports', () => {
    const a = createHidScanAssembler();
    expect(a.push(HID_FIXTURES.longQrPart1)).toEqual({});
    const out = a.push(HID_FIXTURES.longQrPart2);
    expect(out.scan && decodeScanText(out.scan.data)).toBe('M1ZHANG/SAN          EABCDEF CSXPEKCA 1234 052Y003D0023 100');
  });

  it('ignores other reports and rejects a length that does not fit', () => {
    const a = createHidScanAssembler();
    expect(a.push(HID_FIXTURES.statusReport)).toEqual({});
    expect(a.push(HID_FIXTURES.badLength)).toEqual({ error: 'bad-report' });
  });

  it('stops a stuck "continued" flag at the size bound', () => {
    const a = createHidScanAssembler(100);
    const part = encodeScannedDataReports(new Uint8Array(200).fill(0x41))[0]!;
    expect(a.push(part)).toEqual({});
    expect(a.push(part)).toEqual({ error: 'too-long' });
  });

  it('encode then assemble gives back any code (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (data) => {
      const a = createHidScanAssembler();
      const outs = encodeScannedDataReports(data).map((r) => a.push(r));
      expect(outs.slice(0, -1).every((o) => o.scan === undefined)).toBe(true);
      expect(outs.at(-1)?.scan?.data).toEqual(data);
    }));
  });
});
