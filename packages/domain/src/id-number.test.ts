import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, maskIdNumber, maskName, validateIdNumber } from './id-number';

const province = fc.constantFrom('11', '31', '43', '44', '51', '65', '81');
const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2026, 10, 27)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validId = fc.tuple(province, fc.stringMatching(/^\d{2}[1-9]\d$/), day, fc.stringMatching(/^\d{3}$/)).map(([p, rest, date, seq]) => {
  const body = `${p}${rest}${date.replaceAll('-', '')}${seq}`;
  return { id: body + idCheckChar(body), date, sex: Number(seq[2]) % 2 === 1 ? 'male' : 'female' };
});

describe('validateIdNumber (GB 11643-1999)', () => {
  it('accepts a known valid number and derives birth date, sex, age and region', () => {
    const body = '43018219450307123';
    const result = validateIdNumber(body + idCheckChar(body), { today: '2026-03-06' });
    expect(result).toEqual({ ok: true, value: {
      idNumber: body + idCheckChar(body), birthDate: '1945-03-07', sex: 'male', age: 80, regionCode: '430182000000' } });
    expect(validateIdNumber('11010519491231002X')).toMatchObject({ ok: true, value: { sex: 'female', birthDate: '1949-12-31' } });
    expect(validateIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
  });

  it('accepts the numbers of Hong Kong, Macao and Taiwan residence permits (810000/820000/830000)', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      const body = `${prefix}19900115003`;
      expect(validateIdNumber(body + idCheckChar(body)).ok).toBe(true);
    }
    const province = '430000199001150031';
    expect(validateIdNumber(province.slice(0, 17) + idCheckChar(province.slice(0, 17)))).toMatchObject({ ok: false, error: { code: 'ID_REGION' } });
  });

  it('names the rule that failed, in Chinese and English', () => {
    const cases: [string, string][] = [
      ['4301821945030712', 'ID_LENGTH'], ['43018219450307A234', 'ID_CHARS'], ['990182194503071234', 'ID_REGION'],
      ['430000194503071234', 'ID_REGION'], ['430182194502301234', 'ID_DATE'], ['430182180001011234', 'ID_DATE'],
      ['430182194503071230', 'ID_CHECKSUM'],
    ];
    for (const [id, code] of cases) {
      const result = validateIdNumber(id);
      expect(result.ok ? 'ok' : result.error.code, id).toBe(code);
      if (!result.ok) expect(result.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const future = '43018220300101123';
    expect(validateIdNumber(future + idCheckChar(future), { today: '2026-11-27' })).toMatchObject({ ok: false, error: { code: 'ID_FUTURE' } });
  });

  it('property: every generated valid number is accepted with its birth date and sex', () => {
    fc.assert(fc.property(validId, ({ id, date, sex }) => {
      const result = validateIdNumber(id, { today: '2026-11-27' });
      expect(result).toMatchObject({ ok: true, value: { idNumber: id, birthDate: date, sex } });
    }));
  });

  it('property: changing any one character of a valid number makes it invalid', () => {
    fc.assert(fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), ({ id }, position, replacement) => {
      fc.pre(id[position] !== replacement);
      const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
      expect(validateIdNumber(mutated).ok).toBe(false);
    }));
  });

  it('property: arbitrary strings never throw and always carry a code when refused', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => {
      const result = validateIdNumber(text);
      if (!result.ok) expect(result.error.code).toMatch(/^ID_[A-Z]+$/);
    }));
  });
});

describe('masking', () => {
  it('keeps the region prefix and the last four characters', () => {
    expect(maskIdNumber('430182194503071234')).toBe('430182********1234');
    expect(maskName('周桂英')).toBe('周**');
    expect(maskName('李')).toBe('李');
  });
});
