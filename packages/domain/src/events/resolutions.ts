import type { CaseEvent, CaseEventOf } from './schema';
import type { CaseState, Conflict, EventOutcome } from './state';
import { checkPermission } from './transition';

export interface ResolutionAnalysis {
  /** Events set aside by effective decisions. */
  overruled: Set<string>;
  /** What became of each decisionResolved event. */
  outcomes: Map<string, { outcome: EventOutcome; code?: string }>;
  /** Resolved forks, and contradicting decisions still open. */
  conflicts: Conflict[];
}

type Resolution = CaseEventOf<'decisionResolved'>;

const idsOf = (r: Resolution): string[] => [r.payload.chosenEventId, ...r.payload.overruledEventIds];

/** A decision is valid when its actor may decide and it names the sides of one fork (or of contradicting decisions). */
function isValid(r: Resolution, forks: readonly Conflict[], resolutionIds: Set<string>, base: CaseState): string | null {
  const denied = checkPermission({ ...base, needsDecision: true }, r);
  if (denied) return denied.code;
  if (r.payload.overruledEventIds.includes(r.payload.chosenEventId)) return 'RESOLUTION_INVALID';
  const ids = idsOf(r);
  const onFork = forks.some((f) => ids.every((id) => f.eventIds.includes(id)));
  const onResolutions = ids.every((id) => resolutionIds.has(id) && id !== r.id);
  return onFork || onResolutions ? null : 'RESOLUTION_INVALID';
}

/** Decisions where one keeps what another overrules. */
function findContradictions(standing: readonly Resolution[]): Set<string> {
  const contradicting = new Set<string>();
  for (const a of standing) {
    for (const b of standing) {
      if (a !== b && b.payload.overruledEventIds.includes(a.payload.chosenEventId)) {
        contradicting.add(a.id);
        contradicting.add(b.id);
      }
    }
  }
  return contradicting;
}

/**
 * The open conflict a person deciding now settles first: decisions that contradict each other
 * before any fork, since a decision on a fork cannot take effect while they stand.
 */
export function conflictToDecide(state: CaseState): Conflict | undefined {
  const open = state.conflicts.filter((c) => c.resolvedBy === null);
  return open.find((c) => c.kind === 'resolution') ?? open[0];
}

/**
 * Whether a decision made now would contradict a standing one, so the fold would keep it
 * without effect: findContradictions' rule, asked of a folded state (checkAppend) instead of
 * the events. While decisions already contradict, only a decision among them can apply; an
 * applied decision is contradicted by setting aside what it kept or keeping what it set aside.
 */
export function contradictsStandingDecisions(state: CaseState, r: Resolution): boolean {
  const chosen = r.payload.chosenEventId;
  const unsettled = state.conflicts.find((c) => c.resolvedBy === null && c.kind === 'resolution');
  if (unsettled) return !idsOf(r).every((id) => unsettled.eventIds.includes(id));
  return state.conflicts.some((c) => c.resolvedBy !== null && c.chosenEventId !== null
    && (r.payload.overruledEventIds.includes(c.chosenEventId) || (chosen !== c.chosenEventId && c.eventIds.includes(chosen))));
}

/**
 * Decides which decisionResolved events take effect. Decisions overruled by another decision
 * drop out; two remaining decisions that contradict each other (one keeps what the other
 * overrules) both stay without effect and open a `resolution` conflict.
 */
export function analyseResolutions(events: readonly CaseEvent[], forks: readonly Conflict[], base: CaseState): ResolutionAnalysis {
  const all = events.filter((e): e is Resolution => e.type === 'decisionResolved');
  const outcomes = new Map<string, { outcome: EventOutcome; code?: string }>();
  const resolutionIds = new Set(all.map((r) => r.id));
  const valid = all.filter((r) => {
    const code = isValid(r, forks, resolutionIds, base);
    if (code) outcomes.set(r.id, { outcome: 'refused', code });
    return code === null;
  });
  const overruledDecisions = new Set(valid.flatMap((r) => r.payload.overruledEventIds.filter((id) => resolutionIds.has(id))));
  const standing = valid.filter((r) => {
    if (overruledDecisions.has(r.id)) outcomes.set(r.id, { outcome: 'overruled' });
    return !overruledDecisions.has(r.id);
  });
  const contradicting = findContradictions(standing);
  const deviceOf = new Map(events.map((e) => [e.id, e.deviceId]));
  const devicesOf = (ids: readonly string[]) => [...new Set(ids.map((id) => deviceOf.get(id) ?? ''))].filter((d) => d !== '').slice(0, 50);
  const conflicts: Conflict[] = [];
  const overruled = new Set<string>();
  for (const r of standing) {
    if (contradicting.has(r.id)) {
      outcomes.set(r.id, { outcome: 'conflict', code: 'RESOLUTION_CONFLICT' });
      continue;
    }
    outcomes.set(r.id, { outcome: 'applied' });
    for (const id of r.payload.overruledEventIds) overruled.add(id);
    if (!resolutionIds.has(r.payload.chosenEventId)) {
      conflicts.push({ kind: 'decision', fromStatus: null, eventIds: idsOf(r), resolvedBy: r.id, chosenEventId: r.payload.chosenEventId, deviceIds: devicesOf(idsOf(r)) });
    }
  }
  if (contradicting.size > 0) {
    const ids = [...contradicting].sort().slice(0, 50);
    conflicts.push({ kind: 'resolution', fromStatus: null, eventIds: ids, resolvedBy: null, chosenEventId: null, deviceIds: devicesOf(ids) });
  }
  return { overruled, outcomes, conflicts };
}
