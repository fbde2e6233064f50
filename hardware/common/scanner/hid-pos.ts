// HID POS (USB HID Point of Sale usage page 0x8C, "Bar Code Scanner") scanned-data reports.
// Layout used by HID POS scanners (report id 2, 64 bytes including the report id):
//   [0] report id = 0x02   [1] data length (0–56)   [2..4] AIM symbology id (e.g. "]Q1")
//   [5..60] data, zero-padded   [61] vendor symbology id   [62] reserved
//   [63] bit 0 = "decode data continued": more reports follow for this scan.
// Codes longer than 56 bytes arrive as several reports; the assembler joins them.

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;
export const REPORT_DATA_OFFSET = 5;
export const REPORT_DATA_MAX = 56;
export const REPORT_LENGTH = 64;

export interface ScannedDataReport {
  aimId: string;
  data: Uint8Array;
  continued: boolean;
}

export type HidReportResult =
  | { ok: true; report: ScannedDataReport }
  | { ok: false; reason: 'other-report' | 'short' | 'bad-length' };

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Decode one input report as delivered by the OS (report id first, as hidraw/node-hid give it). */
export function decodeScannedDataReport(report: Uint8Array): HidReportResult {
  if (report[0] !== SCANNED_DATA_REPORT_ID) return { ok: false, reason: 'other-report' };
  if (report.length < REPORT_DATA_OFFSET) return { ok: false, reason: 'short' };
  const length = report[1] ?? 0;
  if (length > REPORT_DATA_MAX || REPORT_DATA_OFFSET + length > report.length) return { ok: false, reason: 'bad-length' };
  const flags = report.length >= REPORT_LENGTH ? (report[REPORT_LENGTH - 1] ?? 0) : 0;
  return {
    ok: true,
    report: {
      aimId: ascii(report.subarray(2, REPORT_DATA_OFFSET)).replace(/\0/g, ''),
      data: report.slice(REPORT_DATA_OFFSET, REPORT_DATA_OFFSET + length),
      continued: (flags & 0x01) === 0x01,
    },
  };
}

/** Encode a scan as the reports a HID POS scanner would send (used by fixtures and simulators). */
export function encodeScannedDataReports(data: Uint8Array, aimId = ']Q1'): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let off = 0; off === 0 || off < data.length; off += REPORT_DATA_MAX) {
    const part = data.subarray(off, off + REPORT_DATA_MAX);
    const r = new Uint8Array(REPORT_LENGTH);
    r[0] = SCANNED_DATA_REPORT_ID;
    r[1] = part.length;
    for (let i = 0; i < 3; i++) r[2 + i] = aimId.charCodeAt(i) & 0xff;
    r.set(part, REPORT_DATA_OFFSET);
    r[REPORT_LENGTH - 1] = off + REPORT_DATA_MAX < data.length ? 0x01 : 0x00;
    reports.push(r);
  }
  return reports;
}

export interface AssembledScan {
  aimId: string;
  data: Uint8Array;
}

/** Joins continued reports into whole scans; bounded so a stuck "continued" bit cannot grow forever. */
export function createHidScanAssembler(maxBytes = 4096): {
  push(report: Uint8Array): { scan?: AssembledScan; error?: 'bad-report' | 'too-long' };
  reset(): void;
} {
  let parts: Uint8Array[] = [];
  let size = 0;
  const reset = () => { parts = []; size = 0; };
  return {
    reset,
    push(raw) {
      const decoded = decodeScannedDataReport(raw);
      if (!decoded.ok) return decoded.reason === 'other-report' ? {} : { error: 'bad-report' };
      const { report } = decoded;
      parts.push(report.data);
      size += report.data.length;
      if (size > maxBytes) { reset(); return { error: 'too-long' }; }
      if (report.continued) return {};
      const data = new Uint8Array(size);
      let at = 0;
      for (const p of parts) { data.set(p, at); at += p.length; }
      reset();
      return { scan: { aimId: report.aimId, data } };
    },
  };
}
