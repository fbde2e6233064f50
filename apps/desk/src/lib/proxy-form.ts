// 代办: checks a villager's details typed at the desk and builds the submission (pure).
import { validateIdNumber, type Applicant, type BlobRef } from '@onetrip/domain';
import { MAX_PHOTOS } from './photos';
import type { Bilingual } from './i18n';

export interface ProxyInput { itemCode: string; name: string; idNumber: string; phone: string; address: string }
export interface ProxySubmission { itemCode: string; regionCode: string; applicant: Applicant; form: Record<string, string>; materials: BlobRef[]; proxy: true; siteId?: string }

/** `materials`: the photos taken at the desk (references to blobs already in the replica's store). */
export function buildProxySubmission(input: ProxyInput, where: { regionCode: string; siteId?: string }, today: string, materials: readonly BlobRef[] = []):
  { ok: true; value: ProxySubmission } | { ok: false; field: keyof ProxyInput; message: Bilingual } {
  if (!input.itemCode) return { ok: false, field: 'itemCode', message: { zh: '请选择事项', en: 'Choose an item' } };
  const name = input.name.trim();
  if (name.length < 1 || name.length > 50) return { ok: false, field: 'name', message: { zh: '请填写姓名', en: 'Enter the name' } };
  const id = validateIdNumber(input.idNumber.trim().toUpperCase(), { today });
  if (!id.ok) return { ok: false, field: 'idNumber', message: id.error.message };
  const phone = input.phone.trim();
  if (phone && !/^[0-9+-]{5,20}$/.test(phone)) return { ok: false, field: 'phone', message: { zh: '电话号码格式不正确', en: 'The phone number is not valid' } };
  const address = input.address.trim().slice(0, 200);
  const applicant: Applicant = { name, idNumber: id.value.idNumber, ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  const form: Record<string, string> = { ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  return { ok: true, value: { itemCode: input.itemCode, regionCode: where.regionCode, applicant, form, materials: materials.slice(0, MAX_PHOTOS), proxy: true, ...(where.siteId ? { siteId: where.siteId } : {}) } };
}

/** The fields a resident ID card fills in (from the hardware agent's `card` event), or null for a card it cannot use. */
export function fieldsFromCard(identity: Record<string, unknown>): Pick<ProxyInput, 'name' | 'idNumber' | 'address'> | null {
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
  const name = str(identity.name, 50);
  const idNumber = str(identity.idNumber, 18);
  if (!name || !idNumber) return null;
  return { name, idNumber, address: str(identity.address, 200) ?? '' };
}
