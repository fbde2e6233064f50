// The replica's encryption key: 32 random bytes made on first start, kept on disk only as
// ciphertext from Electron's safeStorage (the OS keyring), never as a plain file.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

export function loadReplicaKey(dir: string, safe: SafeStorageLike): Uint8Array {
  if (!safe.isEncryptionAvailable()) {
    throw new Error('safeStorage is unavailable: refusing to keep the replica key in a plain file / 系统密钥库不可用，拒绝以明文保存密钥');
  }
  const file = join(dir, 'replica-key.bin');
  if (existsSync(file)) return new Uint8Array(Buffer.from(safe.decryptString(readFileSync(file)), 'base64'));
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, safe.encryptString(key.toString('base64')), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return new Uint8Array(key);
}
