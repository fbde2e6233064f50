import type { Principal } from '../auth/principal';
import { significantLength, townshipCodeOf } from '../domain';

/**
 * Scope as SQL. Pulls filter in SQL, not after the fact, so LIMIT counts only rows the
 * caller may see (RxDB stops pulling at the first batch shorter than its batch size; a
 * batch thinned out afterwards would end replication early).
 *
 * The same rules, as JavaScript over one document, are in write-rules.ts and (for cases)
 * in the domain's isCaseVisibleTo; scope.test.ts checks the two agree.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type ScopeSql = (p: Params) => string;

const ALL: ScopeSql = () => 'TRUE';
const NONE: ScopeSql = () => 'FALSE';

/** `region_code LIKE '<significant prefix>%'`: the principal's own region and everything below it. */
export function withinRegionSql(column: string, regionCode: string): ScopeSql {
  const prefix = regionCode.slice(0, significantLength(regionCode));
  return (p) => `${column} LIKE ${p.add(`${prefix}%`)}`;
}

/** The region a desk works for: township staff their whole township, a village clerk the village. */
export function areaCode(who: Principal): string {
  return who.role === 'townshipStaff' || who.role === 'kiosk' ? townshipCodeOf(who.regionCode) ?? who.regionCode : who.regionCode;
}

/** Which cases (alias c in the cases table) a principal sees. */
export function caseScopeSql(who: Principal): ScopeSql {
  switch (who.role) {
    case 'admin': return ALL;
    case 'kiosk': return (p) => `c.created_by_device = ${p.add(who.id)}`;
    case 'villageClerk':
    case 'townshipStaff': return withinRegionSql('c.region_code', areaCode(who));
    case 'cityReviewer': {
      const dept = who.departmentCode;
      return dept ? (p) => `${p.add(dept)} = ANY(c.departments) AND ${withinRegionSql('c.region_code', who.regionCode)(p)}` : NONE;
    }
  }
}

/** Rows of the docs table (alias d) whose case is in scope. */
const viaCase = (who: Principal): ScopeSql => (p) =>
  `d.case_id IN (SELECT c.case_id FROM cases c WHERE ${caseScopeSql(who)(p)})`;

const localStaff = (who: Principal): boolean => who.role === 'villageClerk' || who.role === 'townshipStaff';

/** Read scope per docs-table collection. */
export function docScopeSql(collection: string, who: Principal): ScopeSql {
  if (who.role === 'admin') return ALL;
  switch (collection) {
    case 'items':
    case 'regions':
      return ALL;
    case 'caseEvents':
      return viaCase(who);
    case 'tickets':
      if (who.role === 'kiosk') return (p) => `d.site_id = ${p.add(who.siteId ?? '')}`;
      return localStaff(who) ? withinRegionSql('d.region_code', areaCode(who)) : NONE;
    case 'ratings':
      if (who.role === 'kiosk') return (p) => `d.owner_id = ${p.add(who.id)}`;
      return localStaff(who) ? withinRegionSql('d.region_code', areaCode(who)) : viaCase(who);
    case 'devices':
      if (who.role === 'kiosk') return (p) => `d.id = ${p.add(who.id)}`;
      return localStaff(who) ? withinRegionSql('d.region_code', areaCode(who)) : NONE;
    case 'users':
      return (p) => `d.id = ${p.add(who.id)}`;
    default:
      return NONE;
  }
}
