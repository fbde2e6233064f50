// Small byte helpers for the common layer, which runs without Node (no Buffer) and compiles
// with lib ES2023 only (no TextDecoder or btoa in its types). UCS-2 is one 16-bit code unit
// per character, so decoding is String.fromCharCode over the little-endian units.

/** Decodes UCS-2 little-endian text (an odd trailing byte is ignored). */
export function decodeUcs2Le(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) units.push((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return String.fromCharCode(...units);
}

/** Encodes text as UCS-2 little-endian into exactly `size` bytes, padded with spaces. */
export function encodeUcs2Le(text: string, size: number): Uint8Array {
  if (text.length * 2 > size) throw new RangeError(`text longer than ${size / 2} characters: ${text}`);
  const out = new Uint8Array(size);
  for (let i = 0; i < size / 2; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += left > 1 ? ALPHABET[(n >> 6) & 63]! : '=';
    out += left > 2 ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/** Big-endian 16-bit value at `offset`. */
export function readU16Be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}
