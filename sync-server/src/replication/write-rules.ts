import type { Principal } from '../auth/principal';
import type { ApiError} from '../errors';
import { apiError } from '../errors';
import { isWithinRegion } from '../domain';
import { areaCode } from './scope';
import type { DocCollection } from './collections';

type Doc = Record<string, unknown>;

const localStaff = (who: Principal) => who.role === 'villageClerk' || who.role === 'townshipStaff';
const inRegion = (who: Principal, doc: Doc | null) => doc === null || isWithinRegion(String(doc.regionCode), areaCode(who));

/**
 * May `who` write `next` over `master` (null when new) in a docs-table collection? Case
 * events have their own rule (the domain's permission table, in case-events.ts). Returns the
 * error to answer, or null.
 */
export function checkDocWrite(collection: DocCollection, who: Principal, next: Doc, master: Doc | null): ApiError | null {
  if (master && master.regionCode !== undefined && master.regionCode !== next.regionCode) return apiError('FORBIDDEN', { reason: 'regionCode is fixed once written' });
  if (who.role === 'admin') return deviceGuard(collection, next, master);
  switch (collection) {
    case 'items':
    case 'regions':
    case 'users':
      return apiError('FORBIDDEN');
    case 'tickets':
      if (who.role === 'kiosk') return next.siteId === who.siteId && (!master || master.siteId === who.siteId) ? null : apiError('OUT_OF_SCOPE');
      return localStaff(who) && inRegion(who, next) && inRegion(who, master) ? null : apiError('OUT_OF_SCOPE');
    case 'ratings':
      if (who.role === 'kiosk') return null; // a villager may rate at any kiosk; the case must exist (checked in the push)
      return localStaff(who) && inRegion(who, next) ? null : apiError('OUT_OF_SCOPE');
    case 'devices':
      if (who.role !== 'kiosk' || next.id !== who.id || !master) return apiError('OUT_OF_SCOPE');
      return deviceGuard(collection, next, master);
    case 'caseEvents':
      return null;
  }
}

/** Enrollment and revocation have their own endpoints; replication may not change those fields. */
function deviceGuard(collection: DocCollection, next: Doc, master: Doc | null): ApiError | null {
  if (collection !== 'devices') return null;
  if (!master) return apiError('FORBIDDEN', { reason: 'devices are created by enrollment' });
  for (const field of ['siteId', 'regionCode', 'status']) {
    if (JSON.stringify(master[field] ?? null) !== JSON.stringify(next[field] ?? null)) return apiError('FORBIDDEN', { reason: `${field} is managed by the server` });
  }
  return null;
}
