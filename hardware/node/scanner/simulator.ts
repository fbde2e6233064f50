// Scanner simulators speak the real wire protocol on the device side of a transport:
// serial mode writes the code and the suffix, HID mode writes HID POS scanned-data reports.
import { encodeScannedDataReports } from '../../common/scanner/hid-pos';
import { SUFFIX_BYTES, type ScanSuffix } from '../../common/scanner/serial-framer';
import { encodeScanText } from '../../common/scanner/text';
import type { ByteTransport } from './transport';

export interface ScannerSimulator {
  scan(code: string): Promise<void>;
  close(): Promise<void>;
}

export function serialScannerSimulator(deviceSide: ByteTransport, suffix: ScanSuffix = 'crlf'): ScannerSimulator {
  return {
    async scan(code) {
      const body = encodeScanText(code);
      const bytes = new Uint8Array(body.length + SUFFIX_BYTES[suffix].length);
      bytes.set(body);
      bytes.set(SUFFIX_BYTES[suffix], body.length);
      await deviceSide.write(bytes);
    },
    close: () => deviceSide.close(),
  };
}

/** Reports a HID POS scanner would send for `code` (for fake node-hid devices). */
export function hidScanReports(code: string, aimId = ']Q1'): Uint8Array[] {
  return encodeScannedDataReports(encodeScanText(code), aimId);
}
