import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReplicaKey, type SafeStorageLike } from './replica-key';

// safeStorage needs Electron and an OS keyring; this stand-in only has to be reversible and
// different from its input, which is all loadReplicaKey relies on.
const fakeSafe = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(plain.split('').reverse().join('') + '#sealed'),
  decryptString: (cipher) => cipher.toString().replace(/#sealed$/, '').split('').reverse().join(''),
});

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const scratch = () => { const d = mkdtempSync(join(tmpdir(), 'kiosk-key-')); dirs.push(d); return d; };

describe('replica key', () => {
  it('makes a 32-byte key once and returns the same key afterwards', () => {
    const dir = scratch();
    const first = loadReplicaKey(dir, fakeSafe());
    expect(first).toHaveLength(32);
    expect(loadReplicaKey(dir, fakeSafe())).toEqual(first);
  });

  it('never writes the key in plain form', () => {
    const dir = scratch();
    const key = loadReplicaKey(dir, fakeSafe());
    const onDisk = readFileSync(join(dir, 'replica-key.bin'));
    expect(onDisk.includes(Buffer.from(key))).toBe(false);
    expect(onDisk.toString()).not.toContain(Buffer.from(key).toString('base64'));
  });

  it('refuses to run without the OS keyring', () => {
    expect(() => loadReplicaKey(scratch(), fakeSafe(false))).toThrow(/safeStorage is unavailable/);
  });
});
