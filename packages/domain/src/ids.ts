import { z } from 'zod';
import { BugIndicatingError } from './errors';
import { fnv1a32 } from './hash';

/** Crockford's base32 alphabet (no I, L, O, U), as used by ULID. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const TAG_CHARS = 6;
const RANDOM_CHARS = 10;
const RANDOM_SPACE = 2 ** (RANDOM_CHARS * 5);
const MAX_TIME = 2 ** 48 - 1;

export const Ulid = z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'ULID: 26 Crockford base32 characters / 应为26位ULID');
export type Ulid = z.infer<typeof Ulid>;

function encode(value: number, chars: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[rest % 32]! + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function decode(text: string): number {
  let value = 0;
  for (const ch of text) value = value * 32 + ALPHABET.indexOf(ch);
  return value;
}

/** The 6-character (30-bit) tag of a device id that every ULID made on that device carries. */
export function deviceTagOf(deviceId: string): string {
  return encode(fnv1a32(deviceId) >>> 2, TAG_CHARS);
}

/** The millisecond timestamp encoded in a ULID. */
export function ulidTime(id: string): number {
  return decode(id.slice(0, TIME_CHARS));
}

/** Whether a ULID was made by the id factory of `deviceId`. */
export function isUlidFromDevice(id: string, deviceId: string): boolean {
  return id.slice(TIME_CHARS, TIME_CHARS + TAG_CHARS) === deviceTagOf(deviceId);
}

export interface IdFactoryOptions {
  deviceId: string;
  now: () => number;
  /** Returns `n` random bytes (crypto.getRandomValues in production). */
  random: (n: number) => Uint8Array;
}

function random50(random: (n: number) => Uint8Array): number {
  const bytes = random(7);
  if (bytes.length < 7) throw new BugIndicatingError('random(n) returned fewer than n bytes');
  let value = 0;
  for (let i = 0; i < 7; i++) value = value * 256 + bytes[i]!;
  return value % RANDOM_SPACE;
}

/**
 * ULIDs that embed the device: 10 chars time (ms), 6 chars device tag, 10 chars random.
 * Within one millisecond (or when the clock steps back) the random part counts up, so ids
 * from one factory are strictly increasing.
 */
export function createIdFactory({ deviceId, now, random }: IdFactoryOptions): () => string {
  if (deviceId.length === 0) throw new BugIndicatingError('deviceId must not be empty');
  const tag = deviceTagOf(deviceId);
  let lastTime = -1;
  let lastRandom = 0;
  return () => {
    const time = Math.floor(now());
    if (!Number.isSafeInteger(time) || time < 0 || time > MAX_TIME) throw new BugIndicatingError(`clock out of ULID range: ${time}`);
    if (time > lastTime) {
      lastTime = time;
      lastRandom = random50(random);
    } else if (lastRandom + 1 < RANDOM_SPACE) {
      lastRandom += 1;
    } else {
      lastTime += 1;
      lastRandom = random50(random);
    }
    return encode(lastTime, TIME_CHARS) + tag + encode(lastRandom, RANDOM_CHARS);
  };
}

/**
 * A receipt's check code (回执校验码): 10 Crockford base32 characters, 50 random bits, chosen on
 * the device when a case is submitted and kept in the case. The receipt's QR code carries it
 * next to the case id, and the server's kiosk lookup answers only when both match, so knowing
 * or guessing a case id reveals nothing.
 */
export const CHECK_CODE_LENGTH = 10;
export const CheckCode = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, 'check code: 10 Crockford base32 characters / 校验码应为10位');
export type CheckCode = z.infer<typeof CheckCode>;

/** A fresh check code from `random` (crypto.getRandomValues in production): 32 divides 256, so each character is uniform. */
export function makeCheckCode(random: (n: number) => Uint8Array): CheckCode {
  const bytes = random(CHECK_CODE_LENGTH);
  if (bytes.length < CHECK_CODE_LENGTH) throw new BugIndicatingError('random(n) returned fewer than n bytes');
  return Array.from(bytes.slice(0, CHECK_CODE_LENGTH), (b) => ALPHABET[b & 31]!).join('');
}
