// The 256-byte text block of the base message: UCS-2 LE fields at fixed offsets, padded with
// spaces, laid out differently for each of the four card types. The card type is the
// character at byte 248. One table per type drives both reading and writing (the simulator
// writes blocks with the same table the driver reads them with).
import { decodeUcs2Le, encodeUcs2Le } from './bytes';

export const TEXT_BLOCK_SIZE = 256;
export const TYPE_FLAG_OFFSET = 248;

export type CardType = 'resident' | 'gat' | 'foreign' | 'foreign2023';

/** Field name → [byte offset, byte size]. */
type Layout = Readonly<Record<string, readonly [number, number]>>;

const COMMON_TAIL = { validFrom: [188, 16], validTo: [204, 16] } as const;

export const LAYOUTS: Readonly<Record<CardType, Layout>> = {
  resident: {
    name: [0, 30], sex: [30, 2], nation: [32, 4], birth: [36, 16], address: [52, 70],
    idNumber: [122, 36], issuer: [158, 30], ...COMMON_TAIL,
  },
  gat: {
    name: [0, 30], sex: [30, 2], birth: [36, 16], address: [52, 70], idNumber: [122, 36],
    issuer: [158, 30], ...COMMON_TAIL, permitNumber: [220, 18], issueCount: [238, 4], typeFlag: [248, 2],
  },
  foreign: {
    englishName: [0, 120], sex: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30],
    ...COMMON_TAIL, birth: [220, 16], cardVersion: [236, 4], authorityCode: [240, 8], typeFlag: [248, 2],
  },
  foreign2023: {
    name: [0, 30], sex: [30, 2], renewalCount: [32, 4], birth: [36, 16], englishName1: [52, 70],
    idNumber: [122, 36], ...COMMON_TAIL, englishName2: [220, 22], nationality: [242, 6], typeFlag: [248, 2],
    previousCard: [250, 6],
  },
};

const TYPE_FLAGS: Readonly<Record<CardType, string>> = { resident: ' ', gat: 'J', foreign: 'I', foreign2023: 'Y' };

/** Null when the flag names no card type this reader knows. */
export function findCardType(text: Uint8Array): CardType | null {
  const flag = decodeUcs2Le(text.subarray(TYPE_FLAG_OFFSET, TYPE_FLAG_OFFSET + 2));
  if (flag === ' ' || flag === '\u0000') return 'resident';
  for (const [type, f] of Object.entries(TYPE_FLAGS)) if (f === flag) return type as CardType;
  return null;
}

/** Removes the pad spaces (and NULs some readers pad with) at the end of a field. */
export function trimPad(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === '\u0000' || /\s/u.test(value[end - 1] ?? ''))) end--;
  return value.slice(0, end);
}

/** Every field of the block for its card type, decoded and trimmed. */
export function readFields(text: Uint8Array, type: CardType): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, [offset, size]] of Object.entries(LAYOUTS[type])) {
    fields[name] = trimPad(decodeUcs2Le(text.subarray(offset, offset + size)));
  }
  return fields;
}

/** Writes the given fields into a fresh space-padded block; unknown or too-long fields throw. */
export function writeFields(type: CardType, fields: Readonly<Record<string, string>>): Uint8Array {
  const block = encodeUcs2Le('', TEXT_BLOCK_SIZE);
  const layout = LAYOUTS[type];
  const all = type === 'resident' ? fields : { ...fields, typeFlag: TYPE_FLAGS[type] };
  for (const [name, value] of Object.entries(all)) {
    const slot = layout[name];
    if (!slot) throw new RangeError(`no field ${name} on a ${type} card`);
    block.set(encodeUcs2Le(value, slot[1]), slot[0]);
  }
  return block;
}
