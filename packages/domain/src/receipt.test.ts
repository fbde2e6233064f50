import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReceipt, caseNumberOf, parseReceiptQr, readReceiptQr, Receipt, receiptQrPayload } from './receipt';
import { CheckCode, makeCheckCode } from './ids';
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

describe('receipt check code', () => {
  const b = eventBuilder();
  const caseId = '01JDQ7Z8K9M2N3P4Q5R6S7T8V9';

  it('goes from the submitted event into the case and the QR code, and comes back out of a scan', () => {
    const checkCode = makeCheckCode(() => Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 255]));
    expect(checkCode).toBe('012345678Z');
    const state = foldCase([b.make('submitted', a.kiosk, { ...applicantPayload(), checkCode })])!;
    expect(state.checkCode).toBe(checkCode);
    const receipt = buildReceipt(state, item, site, { printedAt: '2026-03-02T01:05:00.000Z' });
    expect(receipt.qrPayload).toBe(`ONETRIP:CASE:${state.caseId}:${checkCode}`);
    expect(readReceiptQr(receipt.qrPayload)).toEqual({ caseId: state.caseId, checkCode });
    expect(parseReceiptQr(receipt.qrPayload)).toBe(state.caseId);
    expect(receipt.caseNumber).toBe(caseNumberOf(state));
  });

  it('reads old receipts without a code, and URL receipts with one', () => {
    expect(readReceiptQr(`ONETRIP:CASE:${caseId}`)).toEqual({ caseId, checkCode: null });
    expect(readReceiptQr(receiptQrPayload(caseId, 'https://zwfw.example/', 'ABCDEFGHJK'))).toEqual({ caseId, checkCode: 'ABCDEFGHJK' });
    // a malformed code is not silently dropped into "no code"
    expect(readReceiptQr(`ONETRIP:CASE:${caseId}:abc`)).toBeNull();
    expect(readReceiptQr(`ONETRIP:CASE:${caseId}:ABCDEFGHJK`.padEnd(400, ' x'))).toBeNull();
  });

  it('round-trips any case id and code, and never throws on any text (property)', () => {
    const ulid = fc.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    const code = fc.option(fc.uint8Array({ minLength: 10, maxLength: 10 }).map((bytes) => makeCheckCode(() => bytes)), { nil: undefined });
    const base = fc.option(fc.constantFrom('https://zwfw.example', 'https://a.example/x/'), { nil: undefined });
    fc.assert(fc.property(ulid, code, base, (id, c, url) => {
      expect(c === undefined || CheckCode.safeParse(c).success).toBe(true);
      expect(readReceiptQr(receiptQrPayload(id, url, c))).toEqual({ caseId: id, checkCode: c ?? null });
    }));
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const read = readReceiptQr(text);
      expect(read === null || (read.caseId.length === 26 && (read.checkCode === null || CheckCode.safeParse(read.checkCode).success))).toBe(true);
    }));
  });
});
