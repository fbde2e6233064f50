// One typed identity for all four card types, parsed from the data of a 30 01 / 30 10 read.
import { z } from 'zod';
import { idCheckChar, validateIdNumber } from '@onetrip/domain';
import { readU16Be, toBase64 } from './bytes';
import { findNation, findSex } from './nations';
import { idCardError } from './status';
import type { IdCardError } from './status';
import { TEXT_BLOCK_SIZE, findCardType, readFields } from './text-block';
import type { CardType } from './text-block';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Identity = z.object({
  cardType: z.enum(['resident', 'gat', 'foreign', 'foreign2023']),
  name: z.string().max(60),
  englishName: z.string().max(60).nullable(),
  sex: z.object({ code: z.enum(['0', '1', '2', '9']), name: z.string() }),
  nation: z.object({ code: z.string().regex(/^\d{2}$/), name: z.string() }).nullable(),
  birthDate: isoDate,
  address: z.string().max(35).nullable(),
  idNumber: z.string().min(15).max(18),
  issuer: z.string().max(15).nullable(),
  validFrom: isoDate,
  validTo: z.union([isoDate, z.literal('长期')]),
  permitNumber: z.string().max(9).nullable(),
  nationality: z.string().regex(/^[A-Z]{3}$/).nullable(),
  /** The 1024-byte WLT photo, base64. No open decoder exists: keep it as it is. */
  photo: z.string(),
  /** Fingerprint data (30 10 read), base64; null when not read or not on the card. */
  fingerprint: z.string().nullable(),
  /** Type-specific raw fields: issueCount, cardVersion, authorityCode, renewalCount, previousCard. */
  extra: z.record(z.string(), z.string()),
});
export type Identity = z.infer<typeof Identity>;

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IdCardError };

export interface ReadData {
  readonly text: Uint8Array;
  readonly photo: Uint8Array;
  readonly fingerprint: Uint8Array | null;
}

const MAX_BLOCK = 4096;

/** Splits the data of a read response (after SW3) into text, photo and fingerprint. */
export function splitReadData(data: Uint8Array, withFingerprint: boolean): ParseResult<ReadData> {
  const head = withFingerprint ? 6 : 4;
  if (data.length < head) return { ok: false, error: idCardError('IDCARD_BAD_DATA', 'short read') };
  const textLen = readU16Be(data, 0);
  const photoLen = readU16Be(data, 2);
  const fpLen = withFingerprint ? readU16Be(data, 4) : 0;
  const total = head + textLen + photoLen + fpLen;
  if (textLen !== TEXT_BLOCK_SIZE || photoLen > MAX_BLOCK || fpLen > MAX_BLOCK || total !== data.length) {
    return { ok: false, error: idCardError('IDCARD_BAD_DATA', `lengths ${textLen}/${photoLen}/${fpLen} in ${data.length} bytes`) };
  }
  const text = data.slice(head, head + textLen);
  const photo = data.slice(head + textLen, head + textLen + photoLen);
  const fingerprint = withFingerprint && fpLen > 0 ? data.slice(head + textLen + photoLen, total) : null;
  return { ok: true, value: { text, photo, fingerprint } };
}

/** Joins text, photo and fingerprint into the data of a read response (for the simulator). */
export function joinReadData(parts: ReadData, withFingerprint: boolean): Uint8Array {
  const fp = withFingerprint ? (parts.fingerprint ?? new Uint8Array(0)) : null;
  const head = fp ? 6 : 4;
  const out = new Uint8Array(head + parts.text.length + parts.photo.length + (fp?.length ?? 0));
  const lens = [parts.text.length, parts.photo.length, ...(fp ? [fp.length] : [])];
  lens.forEach((n, i) => { out[2 * i] = n >> 8; out[2 * i + 1] = n & 0xff; });
  out.set(parts.text, head);
  out.set(parts.photo, head + parts.text.length);
  if (fp) out.set(fp, head + parts.text.length + parts.photo.length);
  return out;
}

function isoFromCompact(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function checkIdNumber(type: CardType, idNumber: string): IdCardError | null {
  if (type === 'foreign') return /^[A-Z]{3}\d{12}$/.test(idNumber) ? null : idCardError('IDCARD_BAD_ID_NUMBER', 'shape');
  if (type === 'foreign2023') return /^9\d{16}[\dX]$/.test(idNumber) ? null : idCardError('IDCARD_BAD_ID_NUMBER', 'shape');
  const checked = validateIdNumber(idNumber);
  if (checked.ok) return null;
  // Residence permits for Hong Kong, Macao and Taiwan residents use the province-level codes
  // 810000, 820000 and 830000 as their region prefix; the rest of the rules are the same.
  const permitPrefix = type === 'gat' && checked.error.code === 'ID_REGION' && GAT_PREFIXES.includes(idNumber.slice(0, 6));
  if (permitPrefix && /^\d{17}[\dX]$/.test(idNumber) && idCheckChar(idNumber.slice(0, 17)) === idNumber[17]) return null;
  return idCardError('IDCARD_BAD_ID_NUMBER', checked.error.code);
}

const GAT_PREFIXES = ['810000', '820000', '830000'];

const EXTRA_FIELDS = ['issueCount', 'cardVersion', 'authorityCode', 'renewalCount', 'previousCard'];

function buildIdentity(type: CardType, f: Record<string, string>, parts: ReadData): Identity {
  const sexCode = f.sex ?? '';
  const english = type === 'foreign2023' ? `${f.englishName1 ?? ''}${f.englishName2 ?? ''}`.trim() : f.englishName;
  return {
    cardType: type,
    name: f.name ?? '',
    englishName: english || null,
    sex: { code: sexCode as Identity['sex']['code'], name: findSex(sexCode) ?? '' },
    nation: f.nation ? { code: f.nation, name: findNation(f.nation) ?? '' } : null,
    birthDate: isoFromCompact(f.birth ?? '') ?? '',
    address: f.address || null,
    idNumber: f.idNumber ?? '',
    issuer: f.issuer || f.authorityCode || null,
    validFrom: isoFromCompact(f.validFrom ?? '') ?? '',
    validTo: f.validTo === '长期' ? '长期' : (isoFromCompact(f.validTo ?? '') ?? ''),
    permitNumber: f.permitNumber || null,
    nationality: f.nationality || null,
    photo: toBase64(parts.photo),
    fingerprint: parts.fingerprint ? toBase64(parts.fingerprint) : null,
    extra: Object.fromEntries(EXTRA_FIELDS.filter((k) => f[k]).map((k) => [k, f[k] ?? ''])),
  };
}

/** Parses text, photo and fingerprint into an Identity, validating every field. */
export function parseIdentity(parts: ReadData): ParseResult<Identity> {
  const type = findCardType(parts.text);
  if (!type) return { ok: false, error: idCardError('IDCARD_UNKNOWN_CARD_TYPE') };
  const fields = readFields(parts.text, type);
  if (type === 'resident' && !findNation(fields.nation ?? '')) {
    return { ok: false, error: idCardError('IDCARD_BAD_DATA', `nation ${fields.nation ?? ''}`) };
  }
  const identity = buildIdentity(type, fields, parts);
  const checked = Identity.safeParse(identity);
  if (!checked.success) {
    const where = checked.error.issues.map((i) => i.path.join('.')).join(',');
    return { ok: false, error: idCardError('IDCARD_BAD_DATA', where) };
  }
  const badId = checkIdNumber(type, identity.idNumber);
  return badId ? { ok: false, error: badId } : { ok: true, value: checked.data };
}

/** Parses the data of a read response straight into an Identity. */
export function parseReadResponse(data: Uint8Array, withFingerprint: boolean): ParseResult<Identity> {
  const parts = splitReadData(data, withFingerprint);
  return parts.ok ? parseIdentity(parts.value) : parts;
}
