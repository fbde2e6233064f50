// What a card holds, and how the simulator turns it into the bytes of a base-message read.
// Demo identities are invented people in 宁乡市 (region 430182) whose ID numbers carry valid
// check digits; one per card type, and two residents.
import { joinReadData } from './identity';
import type { ReadData } from './identity';
import { writeFields } from './text-block';
import type { CardType } from './text-block';

export interface CardSpec {
  readonly cardType: CardType;
  readonly name: string;
  readonly englishName?: string;
  readonly sex: '0' | '1' | '2' | '9';
  /** GB 3304 code, resident cards only. */
  readonly nation?: string;
  readonly birthDate: string;
  readonly address?: string;
  readonly idNumber: string;
  readonly issuer?: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly permitNumber?: string;
  readonly nationality?: string;
  /** Raw type-specific fields (issueCount, cardVersion, authorityCode, renewalCount, previousCard). */
  readonly extra?: Readonly<Record<string, string>>;
  /** 1024 bytes of WLT; a deterministic fake is made from the ID number when absent. */
  readonly photo?: Uint8Array;
  readonly fingerprint?: Uint8Array;
}

const compact = (isoDate: string): string => isoDate.replaceAll('-', '');

/** 1024 bytes of deterministic stand-in WLT data (xorshift32 seeded from `seed`). */
export function fakeWlt(seed: string, size = 1024): Uint8Array {
  let x = 2166136261;
  for (let i = 0; i < seed.length; i++) x = Math.imul(x ^ seed.charCodeAt(i), 16777619) >>> 0;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function fieldsOf(card: CardSpec): Record<string, string> {
  const base = { sex: card.sex, birth: compact(card.birthDate), idNumber: card.idNumber, validFrom: compact(card.validFrom), validTo: card.validTo === '长期' ? '长期' : compact(card.validTo) };
  const extra = card.extra ?? {};
  switch (card.cardType) {
    case 'resident':
      return { ...base, name: card.name, nation: card.nation ?? '01', address: card.address ?? '', issuer: card.issuer ?? '' };
    case 'gat':
      return { ...base, name: card.name, address: card.address ?? '', issuer: card.issuer ?? '', permitNumber: card.permitNumber ?? '', ...extra };
    case 'foreign':
      return { ...base, englishName: card.englishName ?? '', name: card.name, nationality: card.nationality ?? '', ...extra };
    case 'foreign2023': {
      const english = card.englishName ?? '';
      return { ...base, name: card.name, englishName1: english.slice(0, 35), englishName2: english.slice(35), nationality: card.nationality ?? '', ...extra };
    }
  }
}

/** Text, photo and fingerprint of a card, as a reader delivers them. */
export function cardReadData(card: CardSpec): ReadData {
  return {
    text: writeFields(card.cardType, fieldsOf(card)),
    photo: card.photo ?? fakeWlt(card.idNumber),
    fingerprint: card.fingerprint ?? null,
  };
}

/** The data part of a 30 01 (or, with fingerprint, 30 10) response for this card. */
export function encodeCardRead(card: CardSpec, withFingerprint: boolean): Uint8Array {
  return joinReadData(cardReadData(card), withFingerprint);
}

export const DEMO_CARDS: readonly CardSpec[] = [
  {
    cardType: 'resident', name: '周秀英', sex: '2', nation: '01', birthDate: '1956-03-12',
    address: '湖南省宁乡市玉潭街道香山社区十二组', idNumber: '430182195603120427',
    issuer: '宁乡市公安局', validFrom: '2016-05-20', validTo: '长期',
  },
  {
    cardType: 'resident', name: '刘建军', sex: '1', nation: '15', birthDate: '1989-07-21',
    address: '湖南省宁乡市花明楼镇炭子冲村石家湾组', idNumber: '430182198907213554',
    issuer: '宁乡市公安局', validFrom: '2019-08-02', validTo: '2039-08-02',
    fingerprint: fakeWlt('fingerprint-430182198907213554'),
  },
  {
    cardType: 'gat', name: '陈家豪', sex: '1', birthDate: '1990-01-15',
    address: '湖南省宁乡市金洲镇金洲大道168号', idNumber: '810000199001150038',
    issuer: '宁乡市公安局', validFrom: '2025-06-01', validTo: '2030-06-01',
    permitNumber: 'H60213357', extra: { issueCount: '01' },
  },
  {
    cardType: 'foreign', name: '史约翰', englishName: 'SMITH, JOHN WILLIAM', sex: '1', birthDate: '1975-06-20',
    idNumber: 'GBR430175062001', nationality: 'GBR', validFrom: '2015-06-01', validTo: '2025-06-01',
    extra: { cardVersion: '01', authorityCode: '1500' },
  },
  {
    cardType: 'foreign2023', name: '马丽', englishName: 'JOHNSON, MARY ELIZABETH ANNE MARGARET-LOUISE', sex: '2',
    birthDate: '1985-03-15', idNumber: '943840198503150021', nationality: 'USA',
    validFrom: '2024-01-10', validTo: '2034-01-10', extra: { renewalCount: '00' },
  },
];
