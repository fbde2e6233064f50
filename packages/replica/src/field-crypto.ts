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

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
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
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(JSON.stringify(value));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, plain),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return PREFIX + bytesToBase64(out);
}

export async function decryptValue(key: CryptoKey, text: string, context: string): Promise<unknown> {
  if (!isEncrypted(text)) throw replicaError('REPLICA_DECRYPT_FAILED');
  try {
    const bytes = base64ToBytes(text.slice(PREFIX.length));
    const iv = bytes.slice(0, IV_BYTES);
    const sealed = bytes.slice(IV_BYTES);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, sealed,
    );
    return JSON.parse(decoder.decode(plain)) as unknown;
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
