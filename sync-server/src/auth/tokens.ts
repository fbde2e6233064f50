import { createHash, randomBytes } from 'node:crypto';

// Tokens are random and opaque (32 bytes from the CSPRNG, base64url). Only their SHA-256 is
// stored, so a database leak does not leak usable tokens, and revocation is one UPDATE that
// every instance sees on the very next request (no signed token lives on after revocation
// until it expires). The cost is one indexed lookup per request, which PostgreSQL serves
// from memory.

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Enrollment codes are short enough to type: 4 groups of 4 from an unambiguous alphabet. */
export function newEnrollCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

export function normaliseEnrollCode(code: string): string {
  return code.trim().toUpperCase();
}
