import { describe, expect, it } from 'vitest';
import { receiptQrPayload } from '@onetrip/domain';
import { caseIdFromScan, casesOfPerson, viewOfCase, type CaseDoc } from './lookup';

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
