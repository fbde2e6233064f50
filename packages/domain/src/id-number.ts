import type { Result } from './errors';
import { fail } from './errors';
import { isRealDate } from './calendar';

/** GB 11643-1999 weights for the 17 body digits: 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes (first two digits), including 81/82/83 for Hong Kong, Macao and Taiwan residence permits. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

export interface IdNumberInfo {
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** Whole years on `today`, when `today` was given. */
  age?: number;
  /** The 6-digit region prefix as a 12-digit code (430182 → 430182000000). */
  regionCode: string;
}

/** The MOD 11-2 check character for 17 body digits. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Residence permits for Hong Kong, Macao and Taiwan residents carry exactly 810000/820000/830000. */
const PERMIT_PREFIXES = new Set(['810000', '820000', '830000']);

function checkRegion(id: string): boolean {
  const prefix = id.slice(0, 6);
  if (PERMIT_PREFIXES.has(prefix)) return true;
  return PROVINCES.has(prefix.slice(0, 2)) && prefix !== `${prefix.slice(0, 2)}0000`;
}

/**
 * Validates an 18-character citizen identity number (GB 11643-1999): characters, a
 * plausible region prefix, a real birth date not in the future, and the MOD 11-2 check
 * character. A lower-case x is accepted and returned upper-case.
 */
export function validateIdNumber(input: string, opts: { today?: string } = {}): Result<IdNumberInfo> {
  const id = input.length === 18 && input.endsWith('x') ? `${input.slice(0, 17)}X` : input;
  if (id.length !== 18) return fail('ID_LENGTH', `身份证号应为18位,当前为${Math.min(id.length, 999)}位`, `an ID number has 18 characters, this one has ${Math.min(id.length, 999)}`);
  if (!/^\d{17}[\dX]$/.test(id)) return fail('ID_CHARS', '身份证号前17位须为数字,末位为数字或X', 'the first 17 characters must be digits and the last a digit or X');
  if (!checkRegion(id)) return fail('ID_REGION', '身份证号前6位不是有效的行政区划代码', 'the first 6 digits are not a valid region code');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') return fail('ID_DATE', '身份证号中的出生日期无效', 'the birth date in the ID number is not a real date');
  if (opts.today !== undefined && birthDate > opts.today) return fail('ID_FUTURE', '身份证号中的出生日期晚于今天', 'the birth date in the ID number is in the future');
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return fail('ID_CHECKSUM', '身份证号校验位不正确,请核对', 'the check character does not match; please check the number');
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  const value: IdNumberInfo = { idNumber: id, birthDate, sex, regionCode: `${id.slice(0, 6)}000000` };
  if (opts.today !== undefined) value.age = ageOn(birthDate, opts.today);
  return { ok: true, value };
}

/** Masks for display: the region prefix and the last four stay (430182********1234). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** Masks a name for display: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}
