// The offline sign-in of a desk. After an online sign-in the desk keeps, per user:
// a random salt, a PBKDF2 (WebCrypto) verifier of the password, and the replica's encryption
// key wrapped (AES-GCM) with a second key derived from the password. A later sign-in without
// the network derives both again: the verifier proves the password, the wrapping key unwraps
// the replica key. Neither the password nor the raw replica key is ever stored.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the desk knows about a staff user from the server's sign-in answer. */
export interface CachedUser {
  id: string;
  username: string;
  displayName: string;
  role: 'villageClerk' | 'townshipStaff' | 'cityReviewer' | 'admin';
  regionCode: string;
  departmentCode?: string;
  siteId?: string;
}

interface CacheRecord {
  v: 1;
  user: CachedUser;
  salt: string;
  iterations: number;
  verifier: string;
  wrappedKey: string;
  iv: string;
}

export const DEFAULT_ITERATIONS = 600_000;
const PREFIX = 'onetrip-desk.credential.';

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** 64 bytes from the password: the first half is the verifier, the second the wrapping key. */
async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<{ verifier: Uint8Array; wrapKey: CryptoKey }> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, 512));
  const wrapKey = await crypto.subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { verifier: bits.slice(0, 32), wrapKey };
}

/** Compares without an early exit, so timing says nothing about where bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export interface CredentialCache {
  /** After an online sign-in: remember the user and wrap `replicaKey` (32 bytes) under the password. */
  remember(user: CachedUser, password: string, replicaKey: Uint8Array): Promise<void>;
  /** Offline sign-in: the user and the replica key, or null when the password is wrong or nothing is cached. */
  unlock(username: string, password: string): Promise<{ user: CachedUser; replicaKey: Uint8Array } | null>;
  has(username: string): boolean;
  forget(username: string): void;
}

export function createCredentialCache(store: KeyValueStore, opts: { iterations?: number } = {}): CredentialCache {
  const iterations = opts.iterations ?? DEFAULT_ITERATIONS;
  const read = (username: string): CacheRecord | null => {
    const raw = store.getItem(PREFIX + username);
    if (!raw) return null;
    try {
      const rec = JSON.parse(raw) as CacheRecord;
      return rec.v === 1 && rec.user?.username === username ? rec : null;
    } catch (_corrupt) {
      return null;
    }
  };
  return {
    async remember(user, password, replicaKey) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const { verifier, wrapKey } = await derive(password, salt, iterations);
      const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, wrapKey, new Uint8Array(replicaKey)));
      const record: CacheRecord = { v: 1, user, salt: b64(salt), iterations, verifier: b64(verifier), wrappedKey: b64(wrapped), iv: b64(iv) };
      store.setItem(PREFIX + user.username, JSON.stringify(record));
    },
    async unlock(username, password) {
      const rec = read(username);
      if (!rec) return null;
      const { verifier, wrapKey } = await derive(password, unb64(rec.salt), rec.iterations);
      if (!sameBytes(verifier, unb64(rec.verifier))) return null;
      try {
        const key = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(rec.iv) }, wrapKey, unb64(rec.wrappedKey));
        return { user: rec.user, replicaKey: new Uint8Array(key) };
      } catch (_tampered) {
        return null;
      }
    },
    has: (username) => read(username) !== null,
    forget: (username) => store.removeItem(PREFIX + username),
  };
}

/** A Map-backed store for tests and for browsers without localStorage. */
export function memoryStore(): KeyValueStore & { size(): number; dump(): string } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, v); },
    removeItem: (k) => { map.delete(k); },
    size: () => map.size,
    dump: () => JSON.stringify([...map.entries()]),
  };
}
