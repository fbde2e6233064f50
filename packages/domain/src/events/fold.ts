import { stableStringify } from '../hash';
import type { CaseEvent, CaseEventOf } from './schema';
import type { CaseState, Conflict, ForkPoint, HistoryEntry } from './state';
import { findPermissionRule } from './permissions';
import { transition } from './transition';
import { resolveContext, type CaseContext, type ResolvedContext } from './context';
import { analyseResolutions, type ResolutionAnalysis } from './resolutions';
import { findRival, forkPointOf } from './forks';

/** Total, deterministic order: the submission first, then hybrid logical clock, then event id. */
export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  const sa = a.type === 'submitted' ? 0 : 1;
  const sb = b.type === 'submitted' ? 0 : 1;
  if (sa !== sb) return sa - sb;
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One event per id; if an id arrived with different contents, the smallest serialisation wins and the rest is reported. */
export function dedupeEvents(events: readonly CaseEvent[]): { unique: CaseEvent[]; reusedIds: string[] } {
  const byId = new Map<string, { event: CaseEvent; text: string }>();
  const reused = new Set<string>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (!seen) {
      byId.set(event.id, { event, text: '' });
      continue;
    }
    if (seen.text === '') seen.text = stableStringify(seen.event);
    const text = stableStringify(event);
    if (text === seen.text) continue;
    reused.add(event.id);
    if (text < seen.text) byId.set(event.id, { event, text });
  }
  return { unique: [...byId.values()].map((v) => v.event).sort(compareEvents), reusedIds: [...reused].sort() };
}

/** Two competing steps agree when they would lead to the same place (two clerks both accept, both approve). */
function agrees(a: CaseEvent, b: CaseEvent): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'forwarded' && b.type === 'forwarded') {
    const key = (e: CaseEventOf<'forwarded'>) => `${e.payload.toLevel}|${e.payload.toRegionCode}|${e.payload.toDepartmentCode ?? ''}`;
    return key(a) === key(b);
  }
  if (a.type === 'issued' && b.type === 'issued') return stableStringify(a.payload.collectAt) === stableStringify(b.payload.collectAt);
  return true;
}

interface FoldRun { state: CaseState | null; history: HistoryEntry[]; forks: Conflict[] }

const forkKey = (f: Conflict): string => [...f.eventIds].sort().join(',');

const entry = (event: CaseEvent, outcome: HistoryEntry['outcome'], code?: string): HistoryEntry => ({
  eventId: event.id, type: event.type, hlc: event.hlc, at: event.at, actorId: event.actor.id, role: event.actor.role,
  level: event.actor.level, outcome, ...(code ? { code } : {}),
});

function run(events: readonly CaseEvent[], ctx: ResolvedContext, resolutions: ResolutionAnalysis | null): FoldRun {
  let state: CaseState | null = null;
  const history: HistoryEntry[] = [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const forks = new Map<string, Conflict>();
  for (const event of events) {
    if (event.type === 'decisionResolved') {
      const verdict = resolutions?.outcomes.get(event.id) ?? { outcome: 'refused' as const, code: 'RESOLUTION_INVALID' };
      if (state) history.push(entry(event, verdict.outcome, verdict.code));
      continue;
    }
    if (resolutions?.overruled.has(event.id)) {
      history.push(entry(event, 'overruled'));
      continue;
    }
    const step = transition(state, event, ctx);
    if (step.ok) {
      const points: ForkPoint[] = state && findPermissionRule(event.type).exclusive ? [...state.forkPoints, forkPointOf(state, event)].slice(-1000) : step.state.forkPoints;
      state = { ...step.state, forkPoints: points };
      history.push(entry(event, 'applied'));
      continue;
    }
    const rival = state ? findRival(state, event, ctx) : undefined;
    const rivalEvent = rival && byId.get(rival.eventId);
    if (!rival || !rivalEvent) {
      history.push(entry(event, 'refused', step.error.code));
    } else if (agrees(rivalEvent, event)) {
      history.push(entry(event, 'redundant'));
    } else {
      const fork: Conflict = forks.get(rival.eventId)
        ?? { kind: 'decision', fromStatus: rival.status, eventIds: [rival.eventId], resolvedBy: null, chosenEventId: null, deviceIds: [rival.deviceId] };
      if (fork.eventIds.length < 50) fork.eventIds.push(event.id);
      if (!fork.deviceIds.includes(event.deviceId) && fork.deviceIds.length < 50) fork.deviceIds.push(event.deviceId);
      forks.set(rival.eventId, fork);
      history.push(entry(event, 'conflict', 'CASE_NEEDS_DECISION'));
    }
  }
  return { state, history, forks: [...forks.values()] };
}

/**
 * The case state from its events. Order-independent (events are sorted by a total order)
 * and idempotent (events are deduplicated by id). Refused steps stay in the history with
 * their error code; competing offline steps are kept as a conflict and set `needsDecision`
 * until a `decisionResolved` event picks one side. Returns null without a valid submission.
 */
export function foldCase(events: readonly CaseEvent[], ctx?: CaseContext): CaseState | null {
  const resolved = resolveContext(ctx);
  const { unique, reusedIds } = dedupeEvents(events);
  const root = unique.find((e) => e.type === 'submitted');
  if (!root) return null;
  const mine = unique.filter((e) => e.caseId === root.caseId);
  const baseline = run(mine, resolved, null);
  const hasResolutions = mine.some((e) => e.type === 'decisionResolved');
  let analysis = hasResolutions && baseline.state ? analyseResolutions(mine, baseline.forks, baseline.state) : null;
  let final = analysis ? run(mine, resolved, analysis) : baseline;
  // A decision can uncover a fork: with one side of a fork set aside, a step that was refused
  // may apply and compete with another. The state shows that fork as needing a decision, so a
  // decision on it must count: the forks are gathered until no new one appears (each round
  // only adds forks, so this ends; a few rounds suffice for any real case).
  let forks = baseline.forks;
  for (let round = 0; analysis && baseline.state && round < 8; round++) {
    const known = new Set(forks.map(forkKey));
    const uncovered = final.forks.filter((f) => !known.has(forkKey(f)));
    if (uncovered.length === 0) break;
    forks = [...forks, ...uncovered];
    analysis = analyseResolutions(mine, forks, baseline.state);
    final = run(mine, resolved, analysis);
  }
  if (!final.state) return null;
  const strays = unique.filter((e) => e.caseId !== root.caseId).map((e) => entry(e, 'refused', 'CASE_MISMATCH'));
  const reused = mine.filter((e) => reusedIds.includes(e.id)).map((e) => entry(e, 'refused', 'EVENT_ID_REUSED'));
  const history = [...final.history, ...reused, ...strays].slice(-10_000);
  const conflicts = [...final.forks, ...(analysis?.conflicts ?? [])].slice(0, 50);
  const open = conflicts.some((c) => c.resolvedBy === null);
  return {
    ...final.state,
    history,
    conflicts,
    needsDecision: open,
  };
}
