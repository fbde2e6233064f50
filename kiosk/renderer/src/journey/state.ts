// The journey's state: everything personal the kiosk holds for one villager, in one object,
// so "wipe" is a single reset and nothing personal lives anywhere else in the renderer.
import type { BlobRef, Item } from '@onetrip/domain';

export interface CardIdentity {
  name: string;
  idNumber: string;
  address: string | null;
  birthDate: string;
  sex: string;
}

export type Step = 'identify' | 'form' | 'materials' | 'review' | 'done';

export interface Journey {
  itemCode: Item['code'];
  step: Step;
  identity: CardIdentity | null;
  form: Record<string, string>;
  photos: Record<string, { ref: BlobRef; previewUrl: string }>;
  result: { caseId: string; pending: boolean; print: 'printed' | 'queued' | 'failed' } | null;
  error: { zh: string; en: string } | null;
}

export const startJourney = (itemCode: string): Journey => ({
  itemCode, step: 'identify', identity: null, form: {}, photos: {}, result: null, error: null,
});

/** Read the fields the form needs from an agent card event's identity, refusing anything odd. */
export function cardIdentity(raw: Record<string, unknown>): CardIdentity | null {
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
  const name = str(raw.name, 60);
  const idNumber = str(raw.idNumber, 18);
  const birthDate = str(raw.birthDate, 10);
  const sex = typeof raw.sex === 'object' && raw.sex !== null ? str((raw.sex as { name?: unknown }).name, 4) : null;
  if (!name || !idNumber || !birthDate) return null;
  return { name, idNumber, birthDate, sex: sex ?? '', address: str(raw.address, 70) };
}

/** Form values the card fills in: the applicant's name and number travel as the applicant, so
 *  only the address lands in the form (the catalogue's `address` field). */
export function prefill(identity: CardIdentity): Record<string, string> {
  return identity.address ? { address: identity.address } : {};
}
