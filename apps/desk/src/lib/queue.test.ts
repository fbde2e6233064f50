import { describe, expect, it } from 'vitest';
import type { Ticket } from '@onetrip/domain';
import { announcement, callNext, chooseVoice, queueOf, recall, skip, ticketLabel, validCounter } from './queue';

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

  it('records the window a number is called to', () => {
    const view = queueOf([t(1, { status: 'called', calledAt: '2026-03-02T01:10:00.000Z', counter: 1 }), t(2)], 'site-430182101000-centre', '2026-03-02');
    expect(callNext(view, 'T', 2)[1]).toEqual({ id: view.waiting[0]!.id, patch: { status: 'called', calledAt: 'T', counter: 2 } });
    expect(recall(view, 'T', 3)).toEqual([{ id: view.current!.id, patch: { calledAt: 'T', counter: 3 } }]);
    expect([0, 1, 99, 100, 1.5].map(validCounter)).toEqual([false, true, true, false, false]);
  });
});

describe('hall announcement', () => {
  it('says the number and the window in Chinese', () => {
    expect(announcement('A012', 2).zh).toBe('请 A012 号到 2 号窗口');
    expect(announcement('A012').zh).toBe('请 A012 号到窗口办理');
  });

  it('picks a mainland Chinese voice, stays silent without any Chinese voice, lets the platform choose when it lists none', () => {
    const en = { lang: 'en-US', name: 'English' };
    const hk = { lang: 'zh-HK', name: 'Cantonese' };
    const cn = { lang: 'zh-CN', name: 'Mandarin' };
    expect(chooseVoice([en, hk, cn])).toBe(cn);
    expect(chooseVoice([en, hk])).toBe(hk);
    expect(chooseVoice([en])).toBeNull();
    expect(chooseVoice([])).toBe('default');
  });
});
