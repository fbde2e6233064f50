import { describe, expect, it } from 'vitest';
import { buildReceipt, parseReceiptQr, Receipt } from './receipt';
import { foldCase } from './events/fold';
import { applicantPayload, demoActors as a, eventBuilder } from './events/fixtures';
import { demoCatalogue } from './catalogue';
import { demoRegions, findSite } from './regions';

const item = demoCatalogue.find((i) => i.code === 'MZ-DB-01')!;
const site = findSite(demoRegions, 'site-430182104000-24h')!;
const collectSite = findSite(demoRegions, 'site-430182104000-centre')!;

describe('buildReceipt', () => {
  const b = eventBuilder();
  const events = [b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {})];

  it('renders a valid bilingual receipt with masked personal data and a QR payload', () => {
    const state = foldCase(events)!;
    const receipt = buildReceipt(state, item, site, { printedAt: '2026-03-02T01:05:00.000Z', collectSite });
    expect(Receipt.safeParse(receipt).success).toBe(true);
    expect(receipt.applicant).toEqual({ name: '周**', idNumber: expect.stringMatching(/^430182\*{8}\d{3}[\dX]$/) });
    expect(receipt.caseNumber).toMatch(/^430182-20260302-[0-9A-Z]{6}$/);
    expect(receipt.deadline).toBe('2026-03-30');
    expect(receipt.collect?.place.zh).toBe('灰汤镇政务服务中心');
    expect(receipt.lines.every((l) => /[\u4e00-\u9fff]/.test(l.zh) && /[A-Za-z]/.test(l.en))).toBe(true);
    expect(JSON.stringify(receipt)).not.toContain(state.applicant.idNumber);
    expect(JSON.stringify(receipt)).not.toContain('周桂英');
    expect(parseReceiptQr(receipt.qrPayload)).toBe(state.caseId);
  });

  it('names the level that holds the case in words, in both languages, whatever the status', () => {
    for (const state of [foldCase(events.slice(0, 1))!, foldCase(events)!]) {
      const receipt = buildReceipt(state, item, site, { printedAt: '2026-03-02T01:05:00.000Z' });
      const text = JSON.stringify(receipt.nextSteps);
      expect(text).not.toContain('[object');
      expect(text).toMatch(/村|乡镇|市/);
    }
  });

  it('the QR can carry a lookup URL instead, and foreign codes are not mistaken for ours', () => {
    const state = foldCase(events)!;
    const receipt = buildReceipt(state, item, site, { printedAt: '2026-03-02T01:05:00.000Z', lookupBaseUrl: 'https://zwfw.example/' });
    expect(receipt.qrPayload).toBe(`https://zwfw.example/progress?case=${state.caseId}`);
    expect(parseReceiptQr(receipt.qrPayload)).toBe(state.caseId);
    expect(parseReceiptQr('https://shop.example/?item=12')).toBeNull();
  });

  it('says what happens next for materials requested', () => {
    const requested = foldCase([...events, b.make('materialsRequested', a.clerk, { materialCodes: ['incomeAuthorisation'], note: '' })])!;
    const receipt = buildReceipt(requested, item, site, { printedAt: '2026-03-02T02:00:00.000Z' });
    expect(receipt.nextSteps[0]?.zh).toContain('incomeAuthorisation');
    expect(receipt.status.code).toBe('awaitingMaterials');
  });
});
