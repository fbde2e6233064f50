// The domain's Receipt becomes a printable CaseReceipt that passes the printer's schema.
import { Receipt } from '@onetrip/domain';
import { describe, expect, it } from 'vitest';
import { caseReceiptFromDomain, toChinaTime } from './domain-receipt';
import { CaseReceipt } from './receipt-document';

const receipt = Receipt.parse({
  caseId: '01HZX3K4M5N6P7Q8R9S0T1V2W3',
  caseNumber: '430182-20261127-T1V2W3',
  item: { code: 'MZ-001', name: { zh: '老年人优待证办理', en: 'Senior citizen card' } },
  applicant: { name: '张**', idNumber: '430182********1234' },
  site: { id: 'site-1', name: { zh: '玉潭街道便民服务中心', en: 'Yutan service centre' }, phone: '0731-87654321' },
  status: { code: 'submitted', text: { zh: '已提交,待受理', en: 'submitted' } },
  submittedAt: '2026-11-27T11:30:00.000Z',
  printedAt: '2026-11-27T11:31:00.000Z',
  deadline: '2026-12-04',
  nextSteps: [{ zh: '由乡镇受理审核,无需再跑腿', en: 'the township will review it' }],
  collect: { place: { zh: '玉潭街道便民服务中心', en: 'Yutan' }, address: '玉潭街道新康路1号', hours: { zh: '工作日 9:00-17:00', en: 'weekdays' }, from: '2026-12-04' },
  qrPayload: 'ONETRIP:CASE:01HZX3K4M5N6P7Q8R9S0T1V2W3',
  lines: [],
});

describe('caseReceiptFromDomain', () => {
  it('maps every field and passes the printer schema', () => {
    const doc = CaseReceipt.parse(caseReceiptFromDomain(receipt));
    expect(doc).toMatchObject({
      caseNumber: '430182-20261127-T1V2W3',
      itemName: '老年人优待证办理',
      applicant: { idNumber: '430182********1234' },
      submittedAt: '2026-11-27T19:30:00+08:00',
      collect: { place: '玉潭街道便民服务中心（玉潭街道新康路1号）', when: '工作日 9:00-17:00，2026-12-04 起' },
      qrPayload: 'ONETRIP:CASE:01HZX3K4M5N6P7Q8R9S0T1V2W3',
      hotline: '0731-87654321',
    });
    expect(doc.nextSteps[0]).toBe('由乡镇受理审核,无需再跑腿 / the township will review it');
  });

  it('a receipt with nothing to collect and no steps still prints', () => {
    const doc = CaseReceipt.parse(caseReceiptFromDomain({ ...receipt, collect: null, nextSteps: [], site: { ...receipt.site, phone: '' } }));
    expect(doc.collect).toBeUndefined();
    expect(doc.hotline).toBeUndefined();
    expect(doc.nextSteps).toHaveLength(1);
  });

  it('converts UTC to China time', () => {
    expect(toChinaTime('2026-12-31T20:00:00Z')).toBe('2027-01-01T04:00:00+08:00');
  });
});
