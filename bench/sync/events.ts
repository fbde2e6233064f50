// Valid `submitted` case events, the documents both sides replicate. Each starts a new case,
// so any number of them can be pushed by kiosks or clerks without touching each other.
// Ids and clocks come in as functions (the domain's id factory and HLC in the benchmark).
import { idCheckChar } from '@onetrip/domain';

export interface Submitter {
  actor: { id: string; role: string; level: string; regionCode: string; departmentCode?: string };
  deviceId: string;
  /** The case's home region: the village (or township) of the applicant. */
  regionCode: string;
  itemCode: string;
  siteId?: string;
  /** The form fields the item asks for, with a plausible value each. */
  form: Record<string, string | number | boolean>;
  materialCodes: string[];
}

export interface Clocks {
  newId: () => string;
  hlcNow: () => string;
  isoNow: () => string;
}

export type SubmittedDoc = Record<string, unknown> & { id: string; caseId: string; type: 'submitted' };

/** A well-formed, checksum-valid ID number for applicant number `n` in a region. */
export function syntheticIdNumber(regionCode: string, n: number): string {
  const year = 1940 + (n % 60);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `${regionCode.slice(0, 6)}${year}${month}${day}${seq}`;
  return first17 + idCheckChar(first17);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '周'];
const GIVEN = ['建国', '秀英', '桂兰', '志强', '春华', '德明', '玉梅', '海波'];

/** A deterministic stand-in for a photo's SHA-256 (the blobs themselves are not part of this benchmark). */
function hexOf(n: number, salt: string): string {
  let out = '';
  let x = Math.imul(n + 1, 2654435761) >>> 0;
  for (let i = 0; i < salt.length; i++) x = (Math.imul(x ^ salt.charCodeAt(i), 16777619)) >>> 0;
  while (out.length < 64) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function submittedEvent(who: Submitter, clocks: Clocks, n: number): SubmittedDoc {
  const caseId = clocks.newId();
  return {
    id: clocks.newId(),
    caseId,
    type: 'submitted',
    itemCode: who.itemCode,
    regionCode: who.regionCode,
    actor: who.actor,
    deviceId: who.deviceId,
    hlc: clocks.hlcNow(),
    at: clocks.isoNow(),
    payload: {
      applicant: {
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n >> 3) % GIVEN.length]}`,
        idNumber: syntheticIdNumber(who.regionCode, n),
        phone: `138${String(n % 100_000_000).padStart(8, '0')}`,
        address: `宁乡市${who.regionCode.slice(6, 9)}号村民组${n % 50}号`,
      },
      form: who.form,
      materials: who.materialCodes.map((materialCode) => (
        { sha256: hexOf(n, materialCode), mediaType: 'image/jpeg', size: 180_000 + (n % 50_000), materialCode })),
      ...(who.siteId ? { siteId: who.siteId } : {}),
    },
  };
}

export interface KioskPlace {
  regionCode: string;
  siteId: string;
  itemCode: string;
  form: Submitter['form'];
  /** The item's required materials: each event references one photo per material. */
  materialCodes: string[];
}

/** A kiosk at a site submitting on a villager's behalf of the site's region. */
export function kioskSubmitter(deviceId: string, place: KioskPlace): Submitter {
  return {
    actor: { id: deviceId, role: 'kiosk', level: 'kiosk', regionCode: place.regionCode },
    deviceId,
    regionCode: place.regionCode,
    itemCode: place.itemCode,
    siteId: place.siteId,
    form: place.form,
    materialCodes: place.materialCodes,
  };
}
