import { describe, expect, it } from 'vitest';
import { hashAuditEntry, verifyAuditChain } from './audit';
import { AUDIT_GENESIS_HASH, AuditEntry, Device, Rating, Ticket, User } from './collections';
import { fnv1a32 } from './hash';

/** A stand-in for SHA-256 with the right shape (64 hex); the real one is injected by the server. */
const fakeSha256 = (s: string) => Array.from({ length: 8 }, (_, i) => fnv1a32(`${i}:${s}`).toString(16).padStart(8, '0')).join('');

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = AUDIT_GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = { id: `01JD00000000000000000000${String(seq).padStart(2, '0')}`, writer: 'server-1', seq, at: '2026-03-02T01:00:00Z',
      actorId: 'staff-huitang', action: 'case.read', target: 'case/01JD', regionCode: '430182104000', details: { field: 'idNumber' } };
    const hash = hashAuditEntry(base, prev, fakeSha256);
    out.push({ ...base, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('a well-formed chain verifies and every entry matches the schema', () => {
    const entries = chain(5);
    for (const e of entries) expect(AuditEntry.safeParse(e).success).toBe(true);
    expect(verifyAuditChain(entries, fakeSha256)).toEqual({ ok: true });
  });

  it('detects edits, reordering and gaps', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, actorId: 'someone-else' };
    expect(verifyAuditChain(edited, fakeSha256)).toEqual({ ok: false, index: 2, reason: 'hash' });
    const gap = chain(5).filter((e) => e.seq !== 3);
    expect(verifyAuditChain(gap, fakeSha256)).toMatchObject({ ok: false, index: 2, reason: 'seq' });
    const swapped = chain(3);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(verifyAuditChain(swapped, fakeSha256).ok).toBe(false);
  });

  it('the hash does not depend on key order', () => {
    const [first] = chain(1);
    const reordered = Object.fromEntries(Object.entries(first!).reverse()) as AuditEntry;
    expect(hashAuditEntry(reordered, AUDIT_GENESIS_HASH, fakeSha256)).toBe(first!.hash);
  });
});

describe('collection schemas', () => {
  it('accept good documents and bound bad ones', () => {
    const ticket = { id: '01JD0000000000000000000001', siteId: 'site-430182104000-centre', regionCode: '430182104000', day: '2026-03-02',
      number: 12, status: 'waiting', createdAt: '2026-03-02T01:00:00Z', deviceId: 'kiosk-1' };
    expect(Ticket.safeParse(ticket).success).toBe(true);
    expect(Ticket.safeParse({ ...ticket, number: 0 }).success).toBe(false);
    expect(Rating.safeParse({ id: ticket.id, caseId: ticket.id, regionCode: '430182104201', score: 6, reasons: [], createdAt: ticket.createdAt, deviceId: 'k' }).success).toBe(false);
    expect(Device.safeParse({ id: 'kiosk-1', name: '灰汤镇自助机1号', siteId: 'site-430182104000-24h', regionCode: '430182104000', status: 'active', health: { printer: 'paperOut' } }).success).toBe(true);
    const user = { id: 'staff-huitang', username: 'huitang.li', displayName: '李晓红', role: 'townshipStaff', regionCode: '430182104000', active: true };
    expect(User.safeParse(user).success).toBe(true);
    expect(User.strict().safeParse({ ...user, passwordHash: 'x' }).success).toBe(false);
  });
});
