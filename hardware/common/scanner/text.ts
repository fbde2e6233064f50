// Byte → text decoding for scanned codes. TextDecoder exists in every runtime we target
// (Node, Chromium, Electron), but this layer compiles with `types: []` and no DOM lib, so
// the one globals it needs are declared here rather than pulling in either type set.
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

export type ScanEncoding = 'utf-8' | 'gb18030' | 'latin1';

/** Decode scanner bytes. Invalid UTF-8 falls back to GB18030 (Chinese scanners in GBK mode). */
export function decodeScanText(bytes: Uint8Array, encoding: ScanEncoding = 'utf-8'): string {
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** UTF-8 bytes of a code (what a scanner in UTF-8 mode sends). */
export function encodeScanText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
