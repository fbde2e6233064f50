// Field-level encryption with WebCrypto AES-GCM (available as globalThis.crypto in Node 20
// and in every browser). Hand-written because RxDB's WebCrypto encryption is a paid plugin
// and its free crypto-js plugin uses a password-derived AES-CBC without authentication.
//
// Format of one encrypted value: "enc1:" + base64(iv[12] || ciphertext+tag).
// The additional authenticated data binds the ciphertext to its collection and document id,
// so a value copied into another record does not decrypt.
import { replicaError } from './errors';

const PREFIX = 'enc1:';
const IV_BYTES = 12;

export type EncryptionKeyInput = CryptoKey | Uint8Array;

/** Accepts a host-provided AES-256 key (CryptoKey or 32 raw bytes). */
export async function importEncryptionKey(input: EncryptionKeyInput): Promise<CryptoKey> {
  if (input instanceof Uint8Array) {
    if (input.byteLength !== 32) throw replicaError('REPLICA_BAD_KEY');
    return crypto.subtle.importKey('raw', toBuffer(input), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  }
  const algorithm = input.algorithm as { name?: string; length?: number };
  if (algorithm.name !== 'AES-GCM' || algorithm.length !== 256) throw replicaError('REPLICA_BAD_KEY');
  if (!input.usages.includes('encrypt') || !input.usages.includes('decrypt')) throw replicaError('REPLICA_BAD_KEY');
  return input;
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Chromium 140+ (and Node 25+) convert natively (Uint8Array.prototype.toBase64 / fromBase64);
// elsewhere (Node 20 tests, an older Electron) a chunked String.fromCharCode + btoa does it.
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64;
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let binary = '';
  const chunk = 0x2000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]);
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** Encrypts any JSON value; `context` (collection/id) is authenticated, not secret. */
export async function encryptValue(key: CryptoKey, value: unknown, context: string): Promise<string> {
  return encryptJson(key, JSON.stringify(value), context);
}

/** encryptValue for a value already serialised with JSON.stringify. */
export async function encryptJson(key: CryptoKey, json: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(json);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, plain),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return PREFIX + bytesToBase64(out);
}

export async function decryptValue(key: CryptoKey, text: string, context: string): Promise<unknown> {
  const json = await decryptJson(key, text, context);
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw replicaError('REPLICA_DECRYPT_FAILED', error);
  }
}

/** decryptValue without the final JSON.parse: the value's JSON text. */
export async function decryptJson(key: CryptoKey, text: string, context: string): Promise<string> {
  if (!isEncrypted(text)) throw replicaError('REPLICA_DECRYPT_FAILED');
  try {
    const bytes = base64ToBytes(text.slice(PREFIX.length));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(context) }, key, bytes.subarray(IV_BYTES),
    );
    return decoder.decode(plain);
  } catch (error) {
    throw replicaError('REPLICA_DECRYPT_FAILED', error);
  }
}

/** Encrypts raw bytes (blobs) with the same key; returns iv || ciphertext+tag. */
export async function encryptBytes(key: CryptoKey, bytes: Uint8Array, context: string): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, toBuffer(bytes),
  ));
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return out;
}

export async function decryptBytes(key: CryptoKey, sealed: Uint8Array, context: string): Promise<Uint8Array> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: toBuffer(sealed.subarray(0, IV_BYTES)), additionalData: encoder.encode(context) },
      key, toBuffer(sealed.subarray(IV_BYTES)),
    );
    return new Uint8Array(plain);
  } catch (error) {
    throw replicaError('REPLICA_DECRYPT_FAILED', error);
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toBuffer(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
