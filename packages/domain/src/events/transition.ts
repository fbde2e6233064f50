import type { TransferableError } from '../errors';
import { levelRank, roleLevel, type Level } from '../roles';
import { countyCodeOf, isWithinRegion, regionLevelOf, townshipCodeOf } from '../regions/codes';
import { addWorkingDays, chinaDateOf } from '../calendar';
import type { Item } from '../catalogue/schema';
import type { CaseEvent, CaseEventOf, CaseEventType } from './schema';
import type { CaseState, Holder } from './state';
import { findPermissionRule } from './permissions';
import { isHolder, isInJurisdiction } from './scope';
import { caseError } from './case-errors';
import type { ResolvedContext } from './context';

export type Step = { ok: true; state: CaseState } | { ok: false; error: TransferableError };

const refuse = (...args: Parameters<typeof caseError>): Step => ({ ok: false, error: caseError(...args) });
const next = (state: CaseState, event: CaseEvent, patch: Partial<CaseState>): Step => ({
  ok: true,
  state: { ...state, ...patch, updatedAt: event.at, lastHlc: event.hlc > state.lastHlc ? event.hlc : state.lastHlc },
});

function holderAt(level: Level, caseRegion: string, departmentCode: string | undefined): Holder {
  if (level === 'city') return { level, regionCode: countyCodeOf(caseRegion) ?? caseRegion, ...(departmentCode ? { departmentCode } : {}) };
  if (level === 'township') return { level, regionCode: townshipCodeOf(caseRegion) ?? caseRegion };
  return { level, regionCode: caseRegion };
}

function deadlines(fromIso: string, item: Item | undefined, ctx: ResolvedContext): Pick<CaseState, 'deadline' | 'statutoryDeadline' | 'deadlineApproximate'> {
  if (!item) return { deadline: null, statutoryDeadline: null, deadlineApproximate: false };
  const day = chinaDateOf(fromIso);
  const promised = addWorkingDays(day, item.promisedDays, ctx.calendar);
  const statutory = addWorkingDays(day, item.statutoryDays, ctx.calendar);
  return { deadline: promised.value, statutoryDeadline: statutory.value, deadlineApproximate: promised.approximate || statutory.approximate };
}

/** Checks that hold for every step: the actor's level, the case identity, the permission table, the scope. */
export function checkPermission(state: CaseState | null, event: CaseEvent): TransferableError | null {
  const { actor } = event;
  if (roleLevel[actor.role] !== actor.level) return caseError('ROLE_LEVEL_MISMATCH');
  if (state === null && event.type !== 'submitted') return caseError('CASE_NOT_FOUND');
  if (state !== null && event.type === 'submitted') return caseError('CASE_EXISTS');
  if (state && (state.caseId !== event.caseId || state.itemCode !== event.itemCode || state.regionCode !== event.regionCode)) {
    return caseError('CASE_MISMATCH');
  }
  const rule = findPermissionRule(event.type);
  if (!rule.roles.includes(actor.role)) return caseError('ROLE_NOT_ALLOWED');
  if (!rule.states.includes(state?.status ?? 'none')) return caseError('STATE_NOT_ALLOWED');
  if (rule.scope === 'holder') return state && isHolder(actor, state.holder) ? null : caseError('NOT_HOLDER');
  return isInJurisdiction(actor, event.regionCode, state?.departmentsInvolved ?? null) ? null : caseError('OUT_OF_JURISDICTION');
}

function submit(event: CaseEventOf<'submitted'>, ctx: ResolvedContext): Step {
  const item = ctx.item(event.itemCode);
  if (!item) return refuse('ITEM_UNKNOWN');
  const regionLevel = regionLevelOf(event.regionCode);
  if (regionLevel !== 'village' && regionLevel !== 'township') return refuse('REGION_INVALID');
  if (event.actor.role === 'kiosk' && !item.kioskAllowed) return refuse('ITEM_NOT_KIOSK');
  const ranks = [levelRank('village'), levelRank(item.acceptLevel), levelRank(event.actor.level)];
  let level: Level = (['kiosk', 'village', 'township', 'city'] as const)[Math.max(...ranks)]!;
  if (level === 'village' && regionLevel !== 'village') level = 'township';
  const state: CaseState = {
    caseId: event.caseId, itemCode: event.itemCode, regionCode: event.regionCode, status: 'submitted', level,
    holder: holderAt(level, event.regionCode, item.departmentCode), applicant: event.payload.applicant,
    proxy: event.payload.proxy ?? event.actor.role !== 'kiosk', submittedAt: event.at, submittedAtSiteId: event.payload.siteId ?? null,
    acceptedAt: null, updatedAt: event.at, lastHlc: event.hlc, deadline: null, statutoryDeadline: null, deadlineApproximate: false,
    materials: event.payload.materials, requestedMaterials: [], pausedStatus: null, decision: null, collectAt: null, rating: null,
    needsDecision: false, conflicts: [], forkPoints: [], departmentsInvolved: [], createdByDevice: event.deviceId, createdBy: event.actor.id, history: [],
    ...(event.payload.checkCode ? { checkCode: event.payload.checkCode } : {}),
  };
  return { ok: true, state };
}

function accept(state: CaseState, event: CaseEventOf<'accepted'>, ctx: ResolvedContext): Step {
  const first = state.acceptedAt === null;
  return next(state, event, {
    status: 'accepted',
    acceptedAt: first ? event.at : state.acceptedAt,
    ...(first ? deadlines(event.at, ctx.item(state.itemCode), ctx) : {}),
  });
}

function supply(state: CaseState, event: CaseEventOf<'materialsSupplied'>, ctx: ResolvedContext): Step {
  const resumed = state.pausedStatus ?? 'accepted';
  const restart = state.acceptedAt !== null ? deadlines(event.at, ctx.item(state.itemCode), ctx) : {};
  const materials = [...state.materials, ...event.payload.materials].slice(0, 200);
  return next(state, event, { status: resumed, pausedStatus: null, requestedMaterials: [], materials, ...restart });
}

function forward(state: CaseState, event: CaseEventOf<'forwarded'>, ctx: ResolvedContext): Step {
  const { toLevel, toRegionCode, toDepartmentCode } = event.payload;
  if (levelRank(toLevel) <= levelRank(event.actor.level)) return refuse('FORWARD_NOT_UPWARD');
  const item = ctx.item(state.itemCode);
  if (item && levelRank(toLevel) > levelRank(item.decideLevel)) return refuse('FORWARD_BEYOND_DECIDE_LEVEL');
  const expected = holderAt(toLevel, state.regionCode, toDepartmentCode);
  const targetOk = expected.regionCode === toRegionCode && (toLevel === 'city') === (toDepartmentCode !== undefined);
  if (!targetOk || toLevel === 'kiosk') return refuse('FORWARD_TARGET_INVALID');
  const departments = toDepartmentCode && !state.departmentsInvolved.includes(toDepartmentCode)
    ? [...state.departmentsInvolved, toDepartmentCode].slice(0, 20) : state.departmentsInvolved;
  return next(state, event, { status: 'forwarded', level: toLevel, holder: expected, departmentsInvolved: departments });
}

/**
 * The level that may approve a case: the item's decideLevel, except that a village-level item
 * filed for a township region (a township kiosk or window, no village involved) is decided by
 * the township — the same raise submit() applies to where such a case starts.
 */
function deciderLevel(item: Item, caseRegion: string): Level {
  return item.decideLevel === 'village' && regionLevelOf(caseRegion) !== 'village' ? 'township' : item.decideLevel;
}

function decide(state: CaseState, event: CaseEventOf<'approved' | 'rejected'>, ctx: ResolvedContext): Step {
  const item = ctx.item(state.itemCode);
  if (event.type === 'approved' && item && deciderLevel(item, state.regionCode) !== state.holder.level) return refuse('DECIDE_LEVEL_MISMATCH');
  const decision = { type: event.type, eventId: event.id, level: state.holder.level, ...(event.payload.reason ? { reason: event.payload.reason } : {}) };
  const ends = event.type === 'rejected' ? { deadline: null, statutoryDeadline: null } : {};
  return next(state, event, { status: event.type, decision, pausedStatus: null, ...ends });
}

function issue(state: CaseState, event: CaseEventOf<'issued'>): Step {
  const place = event.payload.collectAt;
  if (place.level === 'kiosk' || !isWithinRegion(state.regionCode, place.regionCode)) return refuse('ISSUE_PLACE_INVALID');
  const expected = holderAt(place.level, state.regionCode, state.holder.departmentCode);
  if (expected.regionCode !== place.regionCode) return refuse('ISSUE_PLACE_INVALID');
  return next(state, event, { status: 'issued', level: place.level, holder: expected, collectAt: place });
}

function rate(state: CaseState, event: CaseEventOf<'rated'>): Step {
  if (state.rating !== null) return refuse('CASE_ALREADY_RATED');
  return next(state, event, { rating: { score: event.payload.score, reasons: event.payload.reasons, eventId: event.id } });
}

function resolve(state: CaseState, event: CaseEventOf<'decisionResolved'>): Step {
  const { chosenEventId, overruledEventIds } = event.payload;
  const ids = [chosenEventId, ...overruledEventIds];
  const conflict = state.conflicts.find((c) => c.resolvedBy === null && ids.every((id) => c.eventIds.includes(id)));
  if (!state.needsDecision || !conflict || overruledEventIds.includes(chosenEventId)) return refuse('RESOLUTION_INVALID');
  return next(state, event, {});
}

type Appliers = { [T in Exclude<CaseEventType, 'submitted'>]: (state: CaseState, event: CaseEventOf<T>, ctx: ResolvedContext) => Step };

const appliers: Appliers = {
  accepted: accept,
  materialsRequested: (state, event) => next(state, event, {
    status: 'awaitingMaterials', pausedStatus: state.status, requestedMaterials: event.payload.materialCodes, deadline: null, statutoryDeadline: null,
  }),
  materialsSupplied: supply,
  forwarded: forward,
  approved: decide,
  rejected: decide,
  issued: issue,
  collected: (state, event) => next(state, event, { status: 'completed', deadline: null, statutoryDeadline: null }),
  rated: rate,
  withdrawn: (state, event) => next(state, event, { status: 'withdrawn', pausedStatus: null, deadline: null, statutoryDeadline: null }),
  decisionResolved: resolve,
};

/** One step of the state machine: the permission table, the scope, then the step's own rules. Pure, never throws on data. */
export function transition(state: CaseState | null, event: CaseEvent, ctx: ResolvedContext): Step {
  const denied = checkPermission(state, event);
  if (denied) return { ok: false, error: denied };
  if (event.type === 'submitted') return submit(event, ctx);
  const apply = appliers[event.type] as (s: CaseState, e: CaseEvent, c: ResolvedContext) => Step;
  return apply(state!, event, ctx);
}
