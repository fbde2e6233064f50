import { z } from 'zod';
import { Role, roleLevel } from '../roles';
import { DepartmentCode, RegionCode, SiteId } from '../regions/schema';
import { isWithinRegion, townshipCodeOf } from '../regions/codes';
import type { Actor } from './schema';
import type { CaseState } from './state';

/** Who is asking: a signed-in staff user or an enrolled device (kiosk). */
export const Principal = z.object({
  kind: z.enum(['user', 'device']),
  id: z.string().min(1).max(64),
  role: Role,
  regionCode: RegionCode,
  departmentCode: DepartmentCode.optional(),
  siteId: SiteId.optional(),
});
export type Principal = z.infer<typeof Principal>;

/** The region an actor works for: a kiosk serves its whole township, a township desk its township. */
export function areaOf(actor: { role: Role; regionCode: string }): string {
  if (actor.role === 'kiosk' || actor.role === 'townshipStaff') return townshipCodeOf(actor.regionCode) ?? actor.regionCode;
  return actor.regionCode;
}

/** Whether the case's home region lies in the actor's area (and, for a city reviewer, reached its department). */
export function isInJurisdiction(actor: Actor, caseRegionCode: string, departmentsInvolved: readonly string[] | null): boolean {
  if (!isWithinRegion(caseRegionCode, areaOf(actor))) return false;
  if (actor.role !== 'cityReviewer' || departmentsInvolved === null) return true;
  return actor.departmentCode !== undefined && departmentsInvolved.includes(actor.departmentCode);
}

/** Whether the actor works where the case is held now: same level, region inside the actor's, same department. */
export function isHolder(actor: Actor, holder: CaseState['holder']): boolean {
  if (actor.level !== holder.level || roleLevel[actor.role] !== holder.level) return false;
  if (!isWithinRegion(holder.regionCode, actor.regionCode)) return false;
  return holder.departmentCode === undefined || holder.departmentCode === actor.departmentCode;
}

/**
 * Scope rules for replication and reads (the server enforces them on every pull and push):
 * a kiosk sees the cases it created; a village clerk its village; township staff their
 * township; a city reviewer the cases forwarded to its department; an administrator all.
 */
export function isCaseVisibleTo(principal: Principal, state: CaseState): boolean {
  switch (principal.role) {
    case 'kiosk':
      return principal.kind === 'device' && state.createdByDevice === principal.id;
    case 'villageClerk':
      return isWithinRegion(state.regionCode, principal.regionCode);
    case 'townshipStaff':
      return isWithinRegion(state.regionCode, townshipCodeOf(principal.regionCode) ?? principal.regionCode);
    case 'cityReviewer':
      return principal.departmentCode !== undefined && state.departmentsInvolved.includes(principal.departmentCode)
        && isWithinRegion(state.regionCode, principal.regionCode);
    case 'admin':
      return true;
  }
}
