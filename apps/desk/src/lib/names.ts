// Display names for items, regions and departments. Items and regions come from the synced
// `items` and `regions` collections (an administrator's rename shows on every desk), over the
// catalogue and region tree the desk was built with: those answer before the first sync, and
// for anything the synced copies lack or hold malformed (every synced document is checked
// against the domain's schema first).
import { createContext, useContext } from 'react';
import { demoCatalogue, demoDepartments, demoRegions, Item, Region, roleNames, type Role, type Site } from '@onetrip/domain';
import type { Bilingual, Lang } from './i18n';

export interface Names {
  /** Every item: the synced ones, then bundled ones the sync has not brought. */
  readonly catalogue: readonly Item[];
  findItem(code: string): Item | undefined;
  itemName(code: string, lang: Lang): string;
  regionName(code: string, lang: Lang): string;
  /** The sites of a region and of the regions directly under it (a township's centre and its villages'). */
  sitesIn(regionCode: string): Site[];
}

function parsedAll<T>(docs: readonly unknown[], schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T[] {
  return docs.flatMap((doc) => {
    const parsed = schema.safeParse(doc);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createNames(syncedItems: readonly unknown[] = [], syncedRegions: readonly unknown[] = []): Names {
  const items = new Map<string, Item>(demoCatalogue.map((i) => [i.code, i]));
  for (const i of parsedAll<Item>(syncedItems, Item)) items.set(i.code, i);
  const regions = new Map<string, Region>(demoRegions.map((r) => [r.code, r]));
  for (const r of parsedAll<Region>(syncedRegions, Region)) regions.set(r.code, r);
  const catalogue = [...items.values()];
  return {
    catalogue,
    findItem: (code) => items.get(code),
    itemName: (code, lang) => items.get(code)?.name[lang] ?? code,
    regionName(code, lang) {
      const r = regions.get(code);
      return r ? (lang === 'zh' ? r.name : r.nameEn) : code;
    },
    sitesIn: (regionCode) => [...regions.values()].filter((r) => r.code === regionCode || r.parentCode === regionCode).flatMap((r) => r.sites),
  };
}

/** The names every screen uses; the workspace provides the synced ones. */
export const NamesContext = createContext<Names>(createNames());
export const useNames = (): Names => useContext(NamesContext);

const departments = new Map(demoDepartments.map((d) => [d.code, d]));

export function departmentName(code: string | undefined, lang: Lang): string {
  const d = code ? departments.get(code) : undefined;
  return d ? (lang === 'zh' ? d.name : d.nameEn) : '';
}

export const roleName = (role: Role, lang: Lang): string => (roleNames[role] as Bilingual)[lang];
