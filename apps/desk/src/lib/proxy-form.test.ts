import { describe, expect, it } from 'vitest';
import { demoIdNumber } from '@onetrip/domain/testing';
import { buildProxySubmission } from './proxy-form';

const where = { regionCode: '430182104201', siteId: 'site-430182104201' };

describe('proxy application form', () => {
  it('builds a proxy submission from typed details', () => {
    const r = buildProxySubmission({ itemCode: 'MZ-LNZ-01', name: ' 周秀英 ', idNumber: demoIdNumber().toLowerCase(), phone: '13800000000', address: '温泉村' }, where, '2026-03-02');
    expect(r).toEqual({ ok: true, value: { itemCode: 'MZ-LNZ-01', regionCode: '430182104201', siteId: 'site-430182104201', proxy: true, materials: [],
      applicant: { name: '周秀英', idNumber: demoIdNumber(), phone: '13800000000', address: '温泉村' }, form: { phone: '13800000000', address: '温泉村' } } });
  });

  it('names the field that is wrong, in both languages', () => {
    const bad = buildProxySubmission({ itemCode: 'MZ-LNZ-01', name: '周秀英', idNumber: '430182194503071230', phone: '', address: '' }, where, '2026-03-02');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.field).toBe('idNumber');
    expect(!bad.ok && bad.message.zh.length > 0 && bad.message.en.length > 0).toBe(true);
    expect(buildProxySubmission({ itemCode: '', name: 'a', idNumber: demoIdNumber(), phone: '', address: '' }, where, '2026-03-02')).toMatchObject({ ok: false, field: 'itemCode' });
    expect(buildProxySubmission({ itemCode: 'MZ-LNZ-01', name: 'a', idNumber: demoIdNumber(), phone: 'call me', address: '' }, where, '2026-03-02')).toMatchObject({ ok: false, field: 'phone' });
  });
});

describe('fields from an ID card', () => {
  it('takes name, number and address, and refuses a card without them', async () => {
    const { fieldsFromCard } = await import('./proxy-form');
    expect(fieldsFromCard({ name: '周秀英', idNumber: demoIdNumber(), address: '湖南省宁乡市', sex: { code: 2 } })).toEqual({ name: '周秀英', idNumber: demoIdNumber(), address: '湖南省宁乡市' });
    expect(fieldsFromCard({ name: '周秀英' })).toBeNull();
    expect(fieldsFromCard({ name: 'x'.repeat(51), idNumber: demoIdNumber() })).toBeNull();
  });
});
