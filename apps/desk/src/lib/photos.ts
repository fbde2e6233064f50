// Material photos at the desk (代办 and 补正), pure: which materials to photograph, what a
// chosen file must be, and the references that go into the case event. The bytes themselves go
// through the replica's blob store (encrypted on the device, uploaded before the event).
import type { BlobRef, Item } from '@onetrip/domain';
import type { Bilingual } from './i18n';

/** Largest photo kept per material: a legible A4 page as JPEG (the kiosk's bound too). */
export const PHOTO_MAX_BYTES = 600 * 1024;
/** Largest file a clerk may choose (it is re-encoded to a JPEG under PHOTO_MAX_BYTES). */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
export const FILE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/gif'];
/** A case event holds at most 30 material references (the domain's bound). */
export const MAX_PHOTOS = 30;

export interface MaterialToPhotograph { code: string; name: Bilingual; required: boolean }

/** The item's materials that shared data does not replace (减证便民 ones need no photo), or exactly those `only` names (补正 asked for them). */
export function materialsToPhotograph(item: Item | undefined, only?: readonly string[]): MaterialToPhotograph[] {
  return (item?.materials ?? [])
    .filter((m) => (only ? only.includes(m.code) : !m.waivedBy))
    .map((m) => ({ code: m.code, name: m.name, required: m.required }));
}

/** Null when the file may be used, else why not (in both languages). */
export function checkChosenFile(file: { type: string; size: number }): Bilingual | null {
  if (!FILE_TYPES.includes(file.type)) return { zh: '请选择图片文件（JPEG、PNG 等）', en: 'Choose an image file (JPEG, PNG …)' };
  if (file.size <= 0 || file.size > FILE_MAX_BYTES) return { zh: '文件过大（不超过 20 MB）', en: 'The file is too large (20 MB at most)' };
  return null;
}

/** One photo per material: a new photo of a material replaces the earlier one. */
export function withPhoto(refs: readonly BlobRef[], ref: BlobRef): BlobRef[] {
  return [...refs.filter((r) => r.materialCode !== ref.materialCode), ref].slice(0, MAX_PHOTOS);
}
