import type { RegionLevel } from './schema';

const CODE = /^\d{12}$/;
/** Segment ends of a code: province 2, prefecture 4, county 6, township 9, village 12. */
const BOUNDARIES = [2, 4, 6, 9, 12] as const;

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

/** Number of leading digits that carry meaning (the rest are zeros). */
export function significantLength(code: string): number {
  for (const end of BOUNDARIES) {
    if (/^0*$/.test(code.slice(end))) return end;
  }
  return 12;
}

/**
 * Whether `code` lies inside `ancestor` (or is it), by the structure of the code:
 * 430182104201 is within 430182104000 and 430182000000.
 */
export function isWithinRegion(code: string, ancestor: string): boolean {
  if (!isRegionCode(code) || !isRegionCode(ancestor)) return false;
  const len = significantLength(ancestor);
  if (/^0+$/.test(ancestor)) return false;
  return code.slice(0, len) === ancestor.slice(0, len);
}

/** The level of a code within a county: county, township or village. */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!isRegionCode(code)) return null;
  const len = significantLength(code);
  if (len === 12) return 'village';
  if (len === 9) return 'township';
  if (len === 6) return 'county';
  return null;
}

/** The code of the enclosing township (itself for a township), or null above township level. */
export function townshipCodeOf(code: string): string | null {
  if (!isRegionCode(code) || significantLength(code) < 9) return null;
  return `${code.slice(0, 9)}000`;
}

/** The code of the enclosing county (itself for a county), or null above county level. */
export function countyCodeOf(code: string): string | null {
  if (!isRegionCode(code) || significantLength(code) < 6) return null;
  return `${code.slice(0, 6)}000000`;
}
