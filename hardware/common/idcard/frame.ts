// The SAM frame of the resident ID-card reader (see docs/hardware/idcard.md):
//   AA AA AA 96 69 · LEN (2 bytes, big-endian) · payload · CHK
// LEN counts every byte after the length field, CHK included; CHK is the XOR of the LEN bytes
// and the payload. Host → reader payloads are CMD PARA [data]; reader → host payloads are
// SW1 SW2 SW3 [data]. Pure functions over Uint8Array: no I/O, runs anywhere.

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Bytes before the payload: preamble and the two length bytes. */
export const HEADER_LENGTH = PREAMBLE.length + 2;
/** Largest LEN a reader sends (base message + 1024-byte fingerprint is 0x090A); bounded with room. */
export const MAX_LEN = 0x1000;
/** Smallest LEN: two payload bytes (CMD PARA) and CHK. */
export const MIN_LEN = 3;

/** Commands as (CMD, PARA) pairs, named after their function. */
export const Command = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  readSamId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBase: [0x30, 0x01],
  readBaseWithFingerprint: [0x30, 0x10],
  readAppendedAddress: [0x30, 0x03],
  setMaxRfByte: [0x61, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

/** PARA of the `60 nn` command that changes the serial rate. */
export const BAUD_PARAS: Readonly<Record<number, number>> = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 };
export const SET_BAUD_CMD = 0x60;

/** XOR of every byte in `bytes[start, end)`. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i] ?? 0;
  return chk;
}

/** Wraps a payload into a complete frame with preamble, LEN and CHK. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const len = payload.length + 1;
  if (len > MAX_LEN) throw new RangeError(`payload too long: ${payload.length}`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(payload, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

/** A host → reader command frame. */
export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const payload = new Uint8Array(2 + data.length);
  payload[0] = cmd;
  payload[1] = para;
  payload.set(data, 2);
  return encodeFrame(payload);
}

/** A reader → host response frame with SW1 = SW2 = 00. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const payload = new Uint8Array(3 + data.length);
  payload[2] = sw3;
  payload.set(data, 3);
  return encodeFrame(payload);
}

/** A frame whose length and checksum were checked; `payload` excludes LEN and CHK. */
export interface RawFrame {
  readonly payload: Uint8Array;
}

export interface CommandFrame {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

export interface ResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

export function asCommand(frame: RawFrame): CommandFrame {
  const p = frame.payload;
  return { cmd: p[0] ?? 0, para: p[1] ?? 0, data: p.subarray(2) };
}

/** Null when the payload is too short to hold SW1 SW2 SW3. */
export function asResponse(frame: RawFrame): ResponseFrame | null {
  const p = frame.payload;
  if (p.length < 3) return null;
  return { sw1: p[0] ?? 0, sw2: p[1] ?? 0, sw3: p[2] ?? 0, data: p.subarray(3) };
}

export type DecodeResult =
  | { readonly ok: true; readonly frame: RawFrame }
  | { readonly ok: false; readonly reason: 'preamble' | 'length' | 'truncated' | 'checksum' };

/** Decodes exactly one complete frame (the streaming parser handles everything else). */
export function decodeFrame(bytes: Uint8Array): DecodeResult {
  for (let i = 0; i < PREAMBLE.length; i++) if (bytes[i] !== PREAMBLE[i]) return { ok: false, reason: 'preamble' };
  if (bytes.length < HEADER_LENGTH) return { ok: false, reason: 'truncated' };
  const len = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (len < MIN_LEN || len > MAX_LEN) return { ok: false, reason: 'length' };
  if (bytes.length !== HEADER_LENGTH + len) return { ok: false, reason: bytes.length < HEADER_LENGTH + len ? 'truncated' : 'length' };
  if (xorChecksum(bytes, 5, bytes.length - 1) !== bytes[bytes.length - 1]) return { ok: false, reason: 'checksum' };
  return { ok: true, frame: { payload: bytes.slice(HEADER_LENGTH, bytes.length - 1) } };
}

/** `AA AA 96` style hex, for logs and tests. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2 !== 0) throw new RangeError('odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
