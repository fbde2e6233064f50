// Display names for regions, departments and items, from the domain's catalogue and region tree.
import { demoCatalogue, demoDepartments, demoRegions, roleNames, type Item, type Role } from '@onetrip/domain';
import type { Bilingual, Lang } from './i18n';

const items = new Map(demoCatalogue.map((i) => [i.code, i]));
const regions = new Map(demoRegions.map((r) => [r.code, r]));
const departments = new Map(demoDepartments.map((d) => [d.code, d]));

export const catalogue: readonly Item[] = demoCatalogue;
export const findItem = (code: string): Item | undefined => items.get(code);
export const itemName = (code: string, lang: Lang): string => items.get(code)?.name[lang] ?? code;

export function regionName(code: string, lang: Lang): string {
  const r = regions.get(code);
  return r ? (lang === 'zh' ? r.name : r.nameEn) : code;
}

export function departmentName(code: string | undefined, lang: Lang): string {
  const d = code ? departments.get(code) : undefined;
  return d ? (lang === 'zh' ? d.name : d.nameEn) : '';
}

export const roleName = (role: Role, lang: Lang): string => (roleNames[role] as Bilingual)[lang];
