import { describe, expect, it } from 'vitest';
import { receiptQrPayload } from '@onetrip/domain';
import { caseIdFromScan, casesOfPerson, lookUpCard, lookUpScan, rateTarget, viewOfCase, type CaseDoc, type LookupDeps } from './lookup';
import type { LookupQuery, ServerAnswer, ServerCaseView } from './server-lookup';

const caseA = '01JDQ7Z8K9M2N3P4Q5R6S7T8V9';
const caseB = '01JDQ7Z8K9M2N3P4Q5R6S7T8VA';
const held = (id: string, idNumber: string, name = '周秀英'): CaseDoc => ({
  id, itemCode: 'LNZ', status: 'submitted', retained: false,
  state: { applicant: { name, idNumber }, submittedAt: '2026-11-27T01:00:00.000Z', rating: null },
});

describe('progress lookup', () => {
  it('reads the case id from our receipt QR codes, with or without a lookup URL, and nothing else', () => {
    expect(caseIdFromScan(receiptQrPayload(caseA))).toBe(caseA);
    expect(caseIdFromScan(receiptQrPayload(caseA, 'https://zwfw.example.cn/'))).toBe(caseA);
    expect(caseIdFromScan(` ${receiptQrPayload(caseA)}\n`)).toBe(caseA);
    expect(caseIdFromScan('https://example.com/?x=1')).toBeNull();
    expect(caseIdFromScan('6901234567892')).toBeNull();
  });

  it('shows a held case with the applicant masked', () => {
    const view = viewOfCase(caseA, held(caseA, '430182195603120427'));
    expect(view).toMatchObject({ kind: 'here', status: 'submitted', applicant: '周** 430182********0427', rated: false });
    expect(rateTarget(view)).toBeNull();
  });

  it('says honestly that the server has a case once its personal data left the kiosk', () => {
    expect(viewOfCase(caseA, { id: caseA, itemCode: 'LNZ', status: 'submitted', retained: true, state: {} })).toEqual({ kind: 'sent', caseId: caseA, itemCode: 'LNZ', status: 'submitted' });
    expect(viewOfCase(caseA, null)).toEqual({ kind: 'unknown', caseId: caseA });
  });

  it("finds only the card holder's cases, never another person's or a retained one", () => {
    const docs = [held(caseA, '430182195603120427'), held(caseB, '430182199001011234', '李四'),
      { id: '01JDQ7Z8K9M2N3P4Q5R6S7T8VB', itemCode: 'LNZ', status: 'accepted', retained: true, state: {} }];
    const found = casesOfPerson(docs, '430182195603120427');
    expect(found.map((v) => v.caseId)).toEqual([caseA]);
    expect(casesOfPerson(docs, '110101199003070000')).toEqual([]);
  });
});

describe('lookup: local first, then the server', () => {
  const code = 'K7M2X9Q4PD';
  const serverCase = (caseId: string, extra: Partial<ServerCaseView> = {}): ServerCaseView => ({
    caseId, caseNumber: `430182-20261127-${caseId.slice(-6)}`, regionCode: '430182101201', item: { code: 'MZ-LNZ-01', name: { zh: '老年证办理', en: 'Senior card' } },
    status: 'completed', statusText: { zh: '已办结', en: 'completed' }, level: 'village', submittedAt: '2026-11-27T01:00:00.000Z',
    acceptedAt: null, updatedAt: '2026-11-27T02:00:00.000Z', deadline: null, rated: false, mayRate: true, ...extra,
  });
  function deps(opts: { docs?: CaseDoc[]; answer?: ServerAnswer; ratedHere?: string[] } = {}) {
    const asked: LookupQuery[] = [];
    const d: LookupDeps = {
      findCase: async (id) => opts.docs?.find((x) => x.id === id) ?? null,
      allCases: async () => opts.docs ?? [],
      askServer: async (q) => { asked.push(q); return opts.answer ?? { kind: 'answered', cases: [] }; },
      ratedHere: async (ids) => new Set(ids.filter((id) => opts.ratedHere?.includes(id))),
    };
    return { d, asked };
  }

  it('asks the server with the receipt\'s check code for a case the kiosk no longer holds, and may rate it', async () => {
    const { d, asked } = deps({ docs: [{ id: caseA, itemCode: 'MZ-LNZ-01', status: 'submitted', retained: true, state: {} }], answer: { kind: 'answered', cases: [serverCase(caseA)] } });
    const found = await lookUpScan(receiptQrPayload(caseA, undefined, code), d);
    expect(asked).toEqual([{ by: 'receipt', caseId: caseA, checkCode: code }]);
    expect(found).toMatchObject({ offline: false, byCard: false, views: [{ kind: 'server', status: 'completed', mayRate: true }] });
    expect(rateTarget(found!.views[0]!)).toEqual({ caseId: caseA, regionCode: '430182101201' });
  });

  it('keeps a case still held here without asking, and asks nothing for a receipt without a code', async () => {
    const { d, asked } = deps({ docs: [held(caseA, '430182195603120427')] });
    expect((await lookUpScan(receiptQrPayload(caseA, undefined, code), d))?.views[0]?.kind).toBe('here');
    expect((await lookUpScan(receiptQrPayload(caseB), d))?.views[0]?.kind).toBe('unknown');
    expect(asked).toEqual([]);
    expect(await lookUpScan('6901234567892', d)).toBeNull();
  });

  it('says offline, with what the kiosk holds, when the server cannot be asked', async () => {
    const down = deps({ answer: { kind: 'offline' }, docs: [{ id: caseA, itemCode: 'MZ-LNZ-01', status: 'submitted', retained: true, state: {} }] });
    expect(await lookUpScan(receiptQrPayload(caseA, undefined, code), down.d)).toMatchObject({ offline: true, views: [{ kind: 'sent' }] });
    const unreachable = deps({ answer: { kind: 'offline' } });
    expect(await lookUpScan(receiptQrPayload(caseB, undefined, code), unreachable.d)).toMatchObject({ offline: true, views: [{ kind: 'unknown' }] });
    expect(await lookUpCard('430182195603120427', unreachable.d)).toEqual({ offline: true, byCard: true, views: [] });
  });

  it('a rating made here and not yet on the server shows as rated, with nothing more to rate', async () => {
    const { d } = deps({ answer: { kind: 'answered', cases: [serverCase(caseA)] }, ratedHere: [caseA] });
    const found = await lookUpScan(receiptQrPayload(caseA, undefined, code), d);
    expect(found?.views[0]).toMatchObject({ rated: true, mayRate: false });
    expect(rateTarget(found!.views[0]!)).toBeNull();
    expect(rateTarget({ ...serverCase(caseA, { status: 'accepted', mayRate: false }), kind: 'server' })).toBeNull();
  });

  it('by card: the server\'s cases and the unsent ones held here, newest first, each once', async () => {
    const { d, asked } = deps({ docs: [held(caseB, '430182195603120427')], answer: { kind: 'answered', cases: [serverCase(caseA), serverCase(caseB, { status: 'submitted', mayRate: false })] } });
    const found = await lookUpCard('430182195603120427', d);
    expect(asked).toEqual([{ by: 'card', idNumber: '430182195603120427' }]);
    expect(found.views.map((v) => [v.caseId, v.kind])).toEqual([[caseB, 'server'], [caseA, 'server']]);
  });
});
