import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decryptBytes, decryptValue, encryptBytes, encryptValue, importEncryptionKey, isEncrypted, sha256Hex } from './field-crypto';

const rawKey = () => crypto.getRandomValues(new Uint8Array(32));

describe('field encryption (AES-GCM)', () => {
  it('round-trips any JSON value and never shows it in the ciphertext', async () => {
    const key = await importEncryptionKey(rawKey());
    await fc.assert(fc.asyncProperty(fc.jsonValue(), fc.string({ minLength: 1 }), async (value, context) => {
      const sealed = await encryptValue(key, value, context);
      expect(isEncrypted(sealed)).toBe(true);
      const text = JSON.stringify(value);
      if (text.length >= 8) expect(sealed.includes(text)).toBe(false);
      expect(await decryptValue(key, sealed, context)).toEqual(JSON.parse(text));
    }), { numRuns: 100 });
  });

  it('refuses a ciphertext moved to another record, a wrong key and a flipped bit', async () => {
    const key = await importEncryptionKey(rawKey());
    const other = await importEncryptionKey(rawKey());
    const sealed = await encryptValue(key, { idNumber: '430182199001011234' }, 'caseEvents/A');
    await expect(decryptValue(key, sealed, 'caseEvents/B')).rejects.toMatchObject({ code: 'REPLICA_DECRYPT_FAILED' });
    await expect(decryptValue(other, sealed, 'caseEvents/A')).rejects.toMatchObject({ code: 'REPLICA_DECRYPT_FAILED' });
    // a character well inside the ciphertext (the last ones may only carry padding bits)
    const at = 30;
    const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    await expect(decryptValue(key, flipped, 'caseEvents/A')).rejects.toMatchObject({ code: 'REPLICA_DECRYPT_FAILED' });
  });

  it('uses a fresh IV each time, so equal values do not look equal at rest', async () => {
    const key = await importEncryptionKey(rawKey());
    const a = await encryptValue(key, '张三', 'users/1');
    const b = await encryptValue(key, '张三', 'users/1');
    expect(a).not.toBe(b);
  });

  it('accepts only 256-bit AES-GCM keys', async () => {
    await expect(importEncryptionKey(new Uint8Array(16))).rejects.toMatchObject({ code: 'REPLICA_BAD_KEY' });
    const cbc = await crypto.subtle.generateKey({ name: 'AES-CBC', length: 256 }, false, ['encrypt', 'decrypt']);
    await expect(importEncryptionKey(cbc)).rejects.toMatchObject({ code: 'REPLICA_BAD_KEY' });
    const gcm = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await expect(importEncryptionKey(gcm)).resolves.toBe(gcm);
  });

  it('seals bytes and hashes them with SHA-256', async () => {
    const key = await importEncryptionKey(rawKey());
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(bytes)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const sealed = await encryptBytes(key, bytes, 'blobs/x');
    expect(Array.from(await decryptBytes(key, sealed, 'blobs/x'))).toEqual(Array.from(bytes));
  });
});
