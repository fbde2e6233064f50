import { stableStringify } from './hash';
import type { AuditEntry } from './collections';

/**
 * The hash of an audit entry: sha256 over the canonical JSON of every field but `hash`,
 * with `prevHash` set to the previous entry's hash. The SHA-256 itself is injected
 * (node:crypto on the server, SubtleCrypto is async so browsers hash elsewhere).
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash' | 'prevHash'> & Partial<Pick<AuditEntry, 'hash' | 'prevHash'>>, prevHash: string, sha256: (s: string) => string): string {
  const { hash: _hash, prevHash: _prev, ...rest } = entry;
  return sha256(stableStringify({ ...rest, prevHash }));
}

export type AuditChainCheck = { ok: true } | { ok: false; index: number; reason: 'seq' | 'prevHash' | 'hash' | 'writer' };

/** Verifies one writer's chain, in seq order, from the genesis hash (or `startHash` for a partial chain). */
export function verifyAuditChain(entries: readonly AuditEntry[], sha256: (s: string) => string, startHash: string = '0'.repeat(64)): AuditChainCheck {
  let prev = startHash;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (i > 0 && entry.writer !== entries[0]!.writer) return { ok: false, index: i, reason: 'writer' };
    if (i > 0 && entry.seq !== entries[i - 1]!.seq + 1) return { ok: false, index: i, reason: 'seq' };
    if (entry.prevHash !== prev) return { ok: false, index: i, reason: 'prevHash' };
    if (hashAuditEntry(entry, prev, sha256) !== entry.hash) return { ok: false, index: i, reason: 'hash' };
    prev = entry.hash;
  }
  return { ok: true };
}
