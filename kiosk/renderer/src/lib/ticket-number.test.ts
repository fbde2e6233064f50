import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BLOCK_SIZE, TicketError, deviceBlock, nextTicketNumber, ticketDay, ticketLabel, waitingAhead, type TicketLike } from './ticket-number';

const me = { deviceId: 'KIOSK-A1', siteId: 'site-1' };
const day = '2026-11-28';

describe('ticket numbering', () => {
  it('starts at 1 in the device block and counts up', () => {
    const first = nextTicketNumber([], me, day);
    expect(first % BLOCK_SIZE).toBe(1);
    expect(Math.floor(first / BLOCK_SIZE)).toBeGreaterThanOrEqual(1);
    const second = nextTicketNumber([{ ...me, day, number: first }], me, day);
    expect(second).toBe(first + 1);
  });

  it('ignores desk numbers, other sites and other days', () => {
    const first = nextTicketNumber([], me, day);
    const noise: TicketLike[] = [
      { siteId: 'site-1', day, number: 57, deviceId: 'DESK-1' },
      { siteId: 'site-2', day, number: first, deviceId: me.deviceId },
      { siteId: 'site-1', day: '2026-11-27', number: first + 40, deviceId: me.deviceId },
    ];
    expect(nextTicketNumber(noise, me, day)).toBe(first);
  });

  it('moves to a free block when another device already numbers in its preferred one', () => {
    const preferred = deviceBlock(me.deviceId, new Set());
    const other = { siteId: 'site-1', day, number: preferred * BLOCK_SIZE + 3, deviceId: 'KIOSK-B2' };
    const n = nextTicketNumber([other], me, day);
    expect(Math.floor(n / BLOCK_SIZE)).not.toBe(preferred);
  });

  it('keeps its block for the day even when another device shows up in it later', () => {
    const mine = nextTicketNumber([], me, day);
    const intruder = { siteId: 'site-1', day, number: mine + 500, deviceId: 'KIOSK-B2' };
    expect(nextTicketNumber([{ ...me, day, number: mine }, intruder], me, day)).toBe(mine + 1);
  });

  it('refuses the thousandth number of a day in plain words', () => {
    const block = deviceBlock(me.deviceId, new Set());
    const full = [{ ...me, day, number: block * BLOCK_SIZE + 999 }];
    expect(() => nextTicketNumber(full, me, day)).toThrow(TicketError);
  });

  it('two devices offline never make the same number (property)', () => {
    fc.assert(fc.property(
      fc.stringMatching(/^[0-9A-Z]{4,26}$/), fc.stringMatching(/^[0-9A-Z]{4,26}$/), fc.nat(30), fc.nat(30),
      (a, b, na, nb) => {
        fc.pre(a !== b);
        // the second device already synced one ticket of the first (the usual case at a site)
        const aTickets: TicketLike[] = [];
        for (let i = 0; i <= na; i++) aTickets.push({ siteId: 's', day, number: nextTicketNumber(aTickets, { deviceId: a, siteId: 's' }, day), deviceId: a });
        const bTickets: TicketLike[] = [aTickets[0]!];
        for (let i = 0; i <= nb; i++) bTickets.push({ siteId: 's', day, number: nextTicketNumber(bTickets, { deviceId: b, siteId: 's' }, day), deviceId: b });
        const aNumbers = new Set(aTickets.map((t) => t.number));
        return bTickets.slice(1).every((t) => !aNumbers.has(t.number));
      },
    ));
  });

  it('labels device numbers with a block letter and desk numbers as they are', () => {
    expect(ticketLabel(3007)).toBe('C007');
    expect(ticketLabel(1001)).toBe('A001');
    expect(ticketLabel(42)).toBe('42');
    expect(ticketLabel(9999)).toMatch(/^[A-Z]?\d{1,4}$/);
  });

  it('counts the waiting tickets and takes the day in China time', () => {
    const list = [{ siteId: 's', day, number: 1, status: 'waiting' }, { siteId: 's', day, number: 2, status: 'served' }];
    expect(waitingAhead(list, 's', day)).toBe(1);
    expect(ticketDay(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
  });
});
