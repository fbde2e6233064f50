// Which actions a desk offers on a case: exactly the steps the domain's permission table allows
// this actor in the case's status and position (holder or jurisdiction), plus the step's own
// rules the desk can know beforehand (who may decide, where a case may be forwarded). The
// replica's commands run checkAppend again; the server checks once more.
import {
  countyCodeOf, findPermissionRule, isHolder, isInJurisdiction, levelRank, townshipCodeOf,
  type Actor, type CaseEventType, type CaseState, type Item, type Level,
} from '@onetrip/domain';

export type DeskAction = 'accept' | 'requestMaterials' | 'supply' | 'forward' | 'approve' | 'reject' | 'issue' | 'collect' | 'withdraw' | 'resolve';

export const actionEvent: Readonly<Record<DeskAction, CaseEventType>> = {
  accept: 'accepted', requestMaterials: 'materialsRequested', supply: 'materialsSupplied', forward: 'forwarded', approve: 'approved', reject: 'rejected',
  issue: 'issued', collect: 'collected', withdraw: 'withdrawn', resolve: 'decisionResolved',
};

const order: DeskAction[] = ['accept', 'requestMaterials', 'supply', 'approve', 'reject', 'forward', 'issue', 'collect', 'withdraw', 'resolve'];

export interface ForwardTarget { toLevel: Level; toRegionCode: string; toDepartmentCode?: string }

/** The next level up from the actor's, where the case may go: never above the item's deciding level. */
export function forwardTarget(state: CaseState, actor: Actor, item: Item | undefined): ForwardTarget | null {
  if (!item || levelRank(item.decideLevel) <= levelRank(actor.level)) return null;
  if (actor.level === 'village') {
    const township = townshipCodeOf(state.regionCode);
    return township ? { toLevel: 'township', toRegionCode: township } : null;
  }
  if (actor.level === 'township') {
    const county = countyCodeOf(state.regionCode);
    return county ? { toLevel: 'city', toRegionCode: county, toDepartmentCode: item.departmentCode } : null;
  }
  return null;
}

/** Where an issued result may be collected: the case's village (if any) and its township, holder's level first. */
export function collectPlaces(state: CaseState): { level: Level; regionCode: string; siteId: string }[] {
  const township = townshipCodeOf(state.regionCode);
  const places: { level: Level; regionCode: string; siteId: string }[] = [];
  if (township && township !== state.regionCode) places.push({ level: 'village', regionCode: state.regionCode, siteId: `site-${state.regionCode}` });
  if (township) places.push({ level: 'township', regionCode: township, siteId: `site-${township}-centre` });
  const preferred = state.holder.level === 'city' ? 'township' : state.holder.level;
  return places.sort((a, b) => (a.level === preferred ? -1 : 0) - (b.level === preferred ? -1 : 0));
}

function permitted(action: DeskAction, state: CaseState, actor: Actor): boolean {
  const rule = findPermissionRule(actionEvent[action]);
  if (!rule.roles.includes(actor.role) || !rule.states.includes(state.status)) return false;
  if (rule.scope === 'holder') return isHolder(actor, state.holder);
  return isInJurisdiction(actor, state.regionCode, state.departmentsInvolved);
}

/** The actions to show for this case and actor, in a stable order. */
export function availableActions(state: CaseState, actor: Actor, item: Item | undefined): DeskAction[] {
  if (state.needsDecision) return permitted('resolve', state, actor) ? ['resolve'] : [];
  return order.filter((action) => {
    if (action === 'resolve' || !permitted(action, state, actor)) return false;
    if (action === 'approve') return item !== undefined && item.decideLevel === state.holder.level;
    if (action === 'forward') return forwardTarget(state, actor, item) !== null;
    if (action === 'withdraw') return state.proxy;
    return true;
  });
}
