import type { Region, Site } from './schema';

/** Lookups over a region list (the tree is kept as a flat list with parent codes). */
export function findRegion(regions: readonly Region[], code: string): Region | undefined {
  return regions.find((r) => r.code === code);
}

export function childrenOf(regions: readonly Region[], code: string): Region[] {
  return regions.filter((r) => r.parentCode === code);
}

/** The chain from the county down to `code` (inclusive); empty if unknown. */
export function ancestorsOf(regions: readonly Region[], code: string): Region[] {
  const chain: Region[] = [];
  let current = findRegion(regions, code);
  while (current && chain.length < 10) {
    chain.unshift(current);
    current = current.parentCode === null ? undefined : findRegion(regions, current.parentCode);
  }
  return chain;
}

export function findSite(regions: readonly Region[], siteId: string): Site | undefined {
  for (const region of regions) {
    const site = region.sites.find((s) => s.id === siteId);
    if (site) return site;
  }
  return undefined;
}
