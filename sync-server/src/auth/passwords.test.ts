import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { newEnrollCode, normaliseEnrollCode } from './tokens';

describe('passwords', () => {
  it('verifies the right password only, with a per-user salt', async () => {
    const a = await hashPassword('onetrip-demo', 10);
    const b = await hashPassword('onetrip-demo', 10);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword('onetrip-demo', a)).toBe(true);
    expect(await verifyPassword('onetrip-demo ', a)).toBe(false);
    expect(await verifyPassword('onetrip-demo', 'garbage')).toBe(false);
  });
});

describe('enrollment codes', () => {
  it('are four groups of four unambiguous characters, case-insensitive on entry', () => {
    const code = newEnrollCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(normaliseEnrollCode(` ${code.toLowerCase()} `)).toBe(code);
  });
});
