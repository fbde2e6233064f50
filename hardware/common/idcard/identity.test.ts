import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUcs2Le, toBase64 } from './bytes';
import { DEMO_CARDS, cardReadData, encodeCardRead, fakeWlt } from './card-data';
import type { CardSpec } from './card-data';
import { joinReadData, parseIdentity, parseReadResponse, splitReadData } from './identity';
import { NATIONS } from './nations';

/** A text block written by hand, independent of the layout tables under test. */
function handBlock(fields: [number, string][]): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  for (const [offset, text] of fields) {
    for (let i = 0; i < text.length; i++) {
      block[offset + 2 * i] = text.charCodeAt(i) & 0xff;
      block[offset + 2 * i + 1] = text.charCodeAt(i) >> 8;
    }
  }
  return block;
}

const photo = fakeWlt('photo');

describe('Identity parsing', () => {
  it('reads a resident card block laid out by hand', () => {
    const text = handBlock([[0, '周秀英'], [30, '2'], [32, '01'], [36, '19560312'], [52, '湖南省宁乡市玉潭街道香山社区十二组'],
      [122, '430182195603120427'], [158, '宁乡市公安局'], [188, '20160520'], [204, '长期']]);
    expect(text.subarray(0, 6)).toEqual(Uint8Array.from([0x68, 0x54, 0xc0, 0x79, 0xf1, 0x82]));
    const result = parseIdentity({ text, photo, fingerprint: null });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toEqual({
      cardType: 'resident', name: '周秀英', englishName: null, sex: { code: '2', name: '女' }, nation: { code: '01', name: '汉' },
      birthDate: '1956-03-12', address: '湖南省宁乡市玉潭街道香山社区十二组', idNumber: '430182195603120427', issuer: '宁乡市公安局',
      validFrom: '2016-05-20', validTo: '长期', permitNumber: null, nationality: null, photo: toBase64(photo), fingerprint: null, extra: {},
    });
  });

  it('reads a Hong Kong/Macao/Taiwan residence permit block laid out by hand', () => {
    const text = handBlock([[0, '陈家豪'], [30, '1'], [36, '19900115'], [52, '湖南省宁乡市金洲镇金洲大道168号'], [122, '810000199001150038'],
      [158, '宁乡市公安局'], [188, '20250601'], [204, '20300601'], [220, 'H60213357'], [238, '01'], [248, 'J']]);
    const result = parseIdentity({ text, photo, fingerprint: null });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({ cardType: 'gat', name: '陈家豪', permitNumber: 'H60213357', nation: null, extra: { issueCount: '01' } });
  });

  it('reads a foreign permanent resident card (before 2023) laid out by hand', () => {
    const text = handBlock([[0, 'SMITH, JOHN WILLIAM'], [120, '1'], [122, 'GBR430175062001'], [152, 'GBR'], [158, '史约翰'],
      [188, '20150601'], [204, '20250601'], [220, '19750620'], [236, '01'], [240, '1500'], [248, 'I']]);
    const result = parseIdentity({ text, photo, fingerprint: null });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({ cardType: 'foreign', name: '史约翰', englishName: 'SMITH, JOHN WILLIAM', nationality: 'GBR',
      birthDate: '1975-06-20', idNumber: 'GBR430175062001', issuer: '1500', extra: { cardVersion: '01', authorityCode: '1500' } });
  });

  it('reads a 2023 foreign permanent resident card, joining both parts of the English name', () => {
    const english = 'JOHNSON, MARY ELIZABETH ANNE MARGARET-LOUISE';
    const text = handBlock([[0, '马丽'], [30, '2'], [32, '00'], [36, '19850315'], [52, english.slice(0, 35)], [122, '943840198503150021'],
      [188, '20240110'], [204, '20340110'], [220, english.slice(35)], [242, 'USA'], [248, 'Y']]);
    const result = parseIdentity({ text, photo, fingerprint: null });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({ cardType: 'foreign2023', name: '马丽', englishName: english, nationality: 'USA', sex: { code: '2', name: '女' } });
  });

  it.each(DEMO_CARDS.map((c) => [c.cardType, c] as const))('round-trips the demo %s card through a read response', (_t, card) => {
    const result = parseReadResponse(encodeCardRead(card, false), false);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value).toMatchObject({ cardType: card.cardType, name: card.name, idNumber: card.idNumber, validTo: card.validTo, birthDate: card.birthDate });
    expect(result.value.photo).toBe(toBase64(fakeWlt(card.idNumber)));
  });

  it('carries the fingerprint of a 30 10 read, and lays out the lengths as the vectors say', () => {
    const card = DEMO_CARDS[1] as CardSpec;
    const data = encodeCardRead(card, true);
    expect(Array.from(data.subarray(0, 6))).toEqual([0x01, 0x00, 0x04, 0x00, 0x04, 0x00]);
    const result = parseReadResponse(data, true);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.fingerprint).toBe(toBase64(card.fingerprint ?? new Uint8Array()));
  });

  it('rejects an ID number with a wrong check digit', () => {
    const card = { ...(DEMO_CARDS[0] as CardSpec), idNumber: '430182195603120428' };
    const result = parseReadResponse(encodeCardRead(card, false), false);
    expect(result.ok ? null : result.error.code).toBe('IDCARD_BAD_ID_NUMBER');
  });

  it.each([
    ['an unknown type flag', (t: Uint8Array) => { t[248] = 0x51; }, 'IDCARD_UNKNOWN_CARD_TYPE'],
    ['an unknown nation', (t: Uint8Array) => { t[32] = 0x39; t[34] = 0x39; }, 'IDCARD_BAD_DATA'],
    ['a bad birth date', (t: Uint8Array) => { t[36] = 0x58; }, 'IDCARD_BAD_DATA'],
    ['a bad sex code', (t: Uint8Array) => { t[30] = 0x35; }, 'IDCARD_BAD_DATA'],
  ])('rejects %s', (_name, spoil, code) => {
    const parts = cardReadData(DEMO_CARDS[0] as CardSpec);
    spoil(parts.text);
    const result = parseIdentity(parts);
    expect(result.ok ? null : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects read data whose lengths do not add up', () => {
    const data = joinReadData(cardReadData(DEMO_CARDS[0] as CardSpec), false);
    expect(splitReadData(data.subarray(0, 1000), false).ok).toBe(false);
    expect(splitReadData(data, true).ok).toBe(false);
    expect(splitReadData(new Uint8Array(2), false).ok).toBe(false);
  });

  it('knows the 56 nations of GB 3304 plus 97 and 98, with 46 德昂', () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
    expect(NATIONS['46']).toBe('德昂');
    expect(NATIONS['56']).toBe('基诺');
    expect(new Set(Object.values(NATIONS)).size).toBe(58);
  });

  it('round-trips any name and address, trimming only the pad', () => {
    const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 15 });
    fc.assert(fc.property(cjk, fc.string({ unit: cjk, minLength: 1, maxLength: 2 }), (name, address) => {
      const card: CardSpec = { ...(DEMO_CARDS[0] as CardSpec), name, address: address.slice(0, 35) };
      const result = parseReadResponse(encodeCardRead(card, false), false);
      if (!result.ok) throw new Error(result.error.code);
      expect([result.value.name, result.value.address]).toEqual([name, address.slice(0, 35)]);
      expect(decodeUcs2Le(cardReadData(card).text.subarray(0, 30)).trimEnd()).toBe(name);
    }));
  });
});
