import { describe, expect, it } from 'vitest';
import type { Ticket } from '@onetrip/domain';
import { callNext, queueOf, recall, skip, ticketLabel } from './queue';

const t = (number: number, patch: Partial<Ticket> = {}): Ticket => ({
  id: `01J0000000000000000000000${number}`.slice(-26), siteId: 'site-430182101000-centre', regionCode: '430182101000', day: '2026-03-02',
  number, status: 'waiting', createdAt: '2026-03-02T01:00:00.000Z', deviceId: 'kiosk-1', ...patch,
});

describe('queue calling', () => {
  it('calls the lowest waiting number, serving the current one', () => {
    const view = queueOf([t(3), t(1, { status: 'called', calledAt: '2026-03-02T01:10:00.000Z' }), t(2), t(9, { day: '2026-03-01' }), t(4, { siteId: 'other' })], 'site-430182101000-centre', '2026-03-02');
    expect(view.current?.number).toBe(1);
    expect(view.waiting.map((x) => x.number)).toEqual([2, 3]);
    expect(callNext(view, 'T')).toEqual([{ id: view.current!.id, patch: { status: 'served' } }, { id: view.waiting[0]!.id, patch: { status: 'called', calledAt: 'T' } }]);
    expect(skip(view, 'T')[0]).toEqual({ id: view.current!.id, patch: { status: 'skipped' } });
    expect(recall(view, 'T')).toEqual([{ id: view.current!.id, patch: { calledAt: 'T' } }]);
  });

  it('does nothing when nobody waits and nothing is called, and lists recent calls latest first', () => {
    const empty = queueOf([], 's', 'd');
    expect(callNext(empty, 'T')).toEqual([]);
    expect(recall(empty, 'T')).toEqual([]);
    const view = queueOf([t(1, { status: 'served', calledAt: '2026-03-02T01:00:00.000Z' }), t(2, { status: 'called', calledAt: '2026-03-02T01:05:00.000Z' })], 'site-430182101000-centre', '2026-03-02');
    expect(view.recent.map(ticketLabel)).toEqual(['A002', 'A001']);
  });
});
