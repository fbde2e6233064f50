import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldCase } from './fold';
import { checkAppend } from './check-append';
import { conflictToDecide } from './resolutions';
import { caseErrorCodes } from './case-errors';
import { applicantPayload, demoActors } from './fixtures';
import { createIdFactory } from '../ids';
import { formatHlc, nodeTagOf } from '../hlc';
import { CaseEvent, type Actor, type CaseEventType } from './schema';
import { CaseState } from './state';

/**
 * Property tests of the fold. Histories come from simulated devices: a shared valid prefix,
 * then several devices that each go on offline with their own valid steps (so real forks
 * arise), plus random noise events that are mostly refused.
 */

const actors: Actor[] = [...Object.values(demoActors),
  { id: 'reviewer-cl', role: 'cityReviewer', level: 'city', regionCode: '430182000000', departmentCode: 'disabledFederation' },
  { id: 'staff-xiaduopu', role: 'townshipStaff', level: 'township', regionCode: '430182101000' }];
const items = ['MZ-DB-01', 'CL-LX-01', 'MZ-LNZ-01'] as const;
const departmentOf: Record<string, string> = { 'MZ-DB-01': 'civilAffairs', 'CL-LX-01': 'disabledFederation', 'MZ-LNZ-01': 'civilAffairs' };
const blob = { sha256: 'b'.repeat(64), mediaType: 'image/jpeg', size: 1000, materialCode: 'incomeProof' } as const;

function payloadsFor(type: CaseEventType, itemCode: string, state: CaseState | null): unknown[] {
  switch (type) {
    case 'forwarded': return [
      { toLevel: 'township', toRegionCode: '430182104000', note: '推送' },
      { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: departmentOf[itemCode], note: '网端推送' }];
    case 'issued': return [{ collectAt: { level: 'village', regionCode: '430182104201' } }, { collectAt: { level: 'township', regionCode: '430182104000' } }];
    case 'materialsRequested': return [{ materialCodes: ['incomeProof'], note: '请补交收入证明' }];
    case 'materialsSupplied': return [{ materials: [blob] }];
    case 'rated': return [{ score: 5, reasons: [] }, { score: 2, reasons: ['等待太久'] }];
    case 'rejected': return [{ reason: '不符合条件' }];
    case 'decisionResolved': {
      const open = state?.conflicts.find((c) => c.resolvedBy === null && c.kind === 'decision');
      return open ? open.eventIds.map((chosen) => ({ chosenEventId: chosen, overruledEventIds: open.eventIds.filter((x) => x !== chosen), note: '经核实' })) : [];
    }
    default: return [{}];
  }
}

const types: CaseEventType[] = ['accepted', 'materialsRequested', 'materialsSupplied', 'forwarded', 'approved', 'rejected', 'issued', 'collected', 'rated', 'withdrawn', 'decisionResolved'];

interface Sim { itemCode: string; caseId: string; make(type: CaseEventType, actor: Actor, payload: unknown, deviceId: string, wall: number): CaseEvent }

function simulator(itemCode: string): Sim {
  let n = 0;
  const ids = createIdFactory({ deviceId: 'sim', now: () => 1_772_000_000_000, random: (k) => new Uint8Array(k).fill(1) });
  const caseId = ids();
  return {
    itemCode, caseId,
    make: (type, actor, payload, deviceId, wall) => ({
      id: ids(), caseId, type, itemCode, regionCode: '430182104201', actor, deviceId,
      hlc: formatHlc({ wall, counter: n++ % 3, node: nodeTagOf(deviceId) }), at: new Date(wall).toISOString(), payload,
    }) as CaseEvent,
  };
}

/** One valid step from `state`, chosen by `choice`, or undefined when none exists. */
function validStep(sim: Sim, state: CaseState, choice: number, deviceId: string, wall: number): CaseEvent | undefined {
  const candidates: CaseEvent[] = [];
  for (const type of types) {
    for (const actor of actors) {
      for (const payload of payloadsFor(type, sim.itemCode, state)) {
        const event = sim.make(type, actor, payload, deviceId, wall);
        if (checkAppend(state, event).ok) candidates.push(event);
      }
    }
  }
  return candidates.length ? candidates[choice % candidates.length] : undefined;
}

const scenario = fc.record({
  item: fc.constantFrom(...items),
  prefix: fc.array(fc.nat(), { maxLength: 6 }),
  branches: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
  noise: fc.array(fc.record({ type: fc.constantFrom(...types), actor: fc.nat(actors.length - 1), wall: fc.nat(100) }), { maxLength: 4 }),
  shuffleSeed: fc.integer(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): CaseEvent[] {
  const sim = simulator(s.item);
  let wall = 1_772_000_000_000;
  const events: CaseEvent[] = [sim.make('submitted', demoActors.kiosk, applicantPayload(), 'kiosk-dev', wall)];
  let state = foldCase(events)!;
  for (const choice of s.prefix) {
    const step = validStep(sim, state, choice, `dev-${choice % 3}`, (wall += 60_000));
    if (!step) break;
    events.push(step);
    state = foldCase(events)!;
  }
  const forkWall = wall;
  s.branches.forEach((branch, b) => {
    let local = state;
    const mine: CaseEvent[] = [];
    branch.forEach((choice, k) => {
      const step = validStep(sim, local, choice, `offline-${b}`, forkWall + 1000 * (k + 1) + b * 7);
      if (!step) return;
      mine.push(step);
      local = foldCase([...events, ...mine])!;
    });
    events.push(...mine);
  });
  for (const n of s.noise) {
    const type = n.type;
    const payload = payloadsFor(type, s.item, state)[0] ?? { chosenEventId: events[0]!.id, overruledEventIds: [events[events.length - 1]!.id], note: '无效决定' };
    events.push(sim.make(type, actors[n.actor]!, payload, 'noise', forkWall + n.wall * 100));
  }
  return events;
}

function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Generous timeout: each run simulates devices by trying every (type, actor, payload) step; on a
// loaded 2-core CI box a property takes a few seconds.
describe('foldCase properties', { timeout: 60_000 }, () => {
  const runs = { numRuns: Number(process.env.FOLD_RUNS ?? 40) };

  it('any permutation of the events folds to the same state', () => {
    fc.assert(fc.property(scenario, (s) => {
      const events = build(s);
      expect(foldCase(shuffle(events, s.shuffleSeed))).toEqual(foldCase(events));
    }), runs);
  });

  it('duplicated events change nothing', () => {
    fc.assert(fc.property(scenario, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (s, picks) => {
      const events = build(s);
      const duplicates = picks.map((p) => structuredClone(events[p % events.length]!));
      expect(foldCase(shuffle([...events, ...duplicates], s.shuffleSeed))).toEqual(foldCase(events));
    }), runs);
  });

  it('never throws; every event is in the history; every refusal carries a known code; forks are never dropped', () => {
    fc.assert(fc.property(scenario, (s) => {
      const events = build(s);
      const state = foldCase(events)!;
      expect(CaseState.safeParse(state).error?.issues ?? []).toEqual([]);
      for (const event of events) expect(CaseEvent.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(state.history).toHaveLength(events.length);
      for (const h of state.history) {
        if (h.outcome === 'refused') expect(caseErrorCodes).toContain(h.code);
      }
      const conflictEntries = state.history.filter((h) => h.outcome === 'conflict').map((h) => h.eventId);
      for (const id of conflictEntries) expect(state.conflicts.some((c) => c.eventIds.includes(id))).toBe(true);
      if (conflictEntries.length > 0) expect(state.needsDecision).toBe(true);
    }), runs);
  });

  it('random event sequences from random actors never throw and refuse with codes', () => {
    const anyEvent = fc.record({ type: fc.constantFrom(...types), actor: fc.nat(actors.length - 1), wall: fc.nat(10_000), p: fc.nat(3) });
    fc.assert(fc.property(fc.constantFrom(...items), fc.array(anyEvent, { maxLength: 25 }), (item, raw) => {
      const sim = simulator(item);
      const events = [sim.make('submitted', demoActors.clerk, applicantPayload(), 'd0', 1_772_000_000_000),
        ...raw.map((r) => {
          const options = payloadsFor(r.type, item, null);
          const payload = options[r.p % Math.max(1, options.length)] ?? { chosenEventId: sim.caseId, overruledEventIds: [sim.caseId], note: 'x' };
          return sim.make(r.type, actors[r.actor]!, payload, `d${r.p}`, 1_772_000_000_000 + r.wall * 1000);
        })];
      const state = foldCase(events);
      expect(state).not.toBeNull();
      for (const h of state!.history) if (h.outcome === 'refused') expect(h.code).toMatch(/^[A-Z_]+$/);
    }), { numRuns: 200 });
  });

  it('checkAppend and the fold agree on a step appended after everything else (server and strict modes)', () => {
    const next = fc.record({ type: fc.constantFrom(...types), actor: fc.nat(actors.length - 1), p: fc.nat(3) });
    fc.assert(fc.property(scenario, next, (s, n) => {
      const events = build(s);
      const state = foldCase(events)!;
      const options = payloadsFor(n.type, s.item, state);
      fc.pre(options.length > 0);
      const sim = simulator(s.item);
      const last = sim.make(n.type, actors[n.actor]!, options[n.p % options.length], 'late-device', 1_900_000_000_000);
      const event = { ...last, id: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', caseId: state.caseId } as CaseEvent;
      const verdict = checkAppend(state, event);
      const strict = checkAppend(state, event, { forbidForks: true });
      const entry = foldCase([...events, event])!.history.find((h) => h.eventId === event.id)!;
      if (strict.ok) expect(entry.outcome).toBe('applied');
      if (verdict.ok && entry.outcome === 'refused') expect(state.conflicts.some((c) => c.deviceIds.includes(event.deviceId))).toBe(true);
      else if (verdict.ok) expect(['applied', 'redundant', 'conflict']).toContain(entry.outcome);
      else if (verdict.error.code === 'CASE_NEEDS_DECISION') expect(entry.outcome).toBe('applied');
      else expect(entry).toMatchObject({ outcome: 'refused', code: verdict.error.code });
    }), runs);
  });

  it('a decision on a fork that an earlier decision uncovered counts, and contradicts that decision', () => {
    // found by the property above (seed -1805703200): offline-1 accepted and kept its accept over
    // a request for materials; that uncovered a fork of its accept with offline-0's withdrawal,
    // which the state showed as open, yet every decision on it was refused as RESOLUTION_INVALID
    const s: Scenario = { item: 'MZ-DB-01', prefix: [808652649], branches: [[109978891], [0, 1254058375]], noise: [], shuffleSeed: 0 };
    const events = build(s);
    const state = foldCase(events)!;
    const open = state.conflicts.find((c) => c.resolvedBy === null && c.kind === 'decision')!;
    expect(open.eventIds).toHaveLength(2);
    const kept = state.conflicts.find((c) => c.resolvedBy !== null)!.chosenEventId!;
    const sim = simulator(s.item);
    const decide = (chosen: string, id: string) => ({
      ...sim.make('decisionResolved', actors[4]!, { chosenEventId: chosen, overruledEventIds: open.eventIds.filter((x) => x !== chosen), note: '经核实' }, 'late-device', 1_900_000_000_000),
      id, caseId: state.caseId,
    }) as CaseEvent;
    // keeping what the earlier decision kept: applied, nothing left open
    const agreeing = decide(kept, '7ZZZZZZZZZZZZZZZZZZZZZZZZY');
    expect(checkAppend(state, agreeing, { forbidForks: true })).toEqual({ ok: true });
    const agreed = foldCase([...events, agreeing])!;
    expect(agreed.history.find((h) => h.eventId === agreeing.id)?.outcome).toBe('applied');
    expect(agreed.needsDecision).toBe(false);
    // setting it aside: both decisions contradict, which a desk is told before it writes
    const other = open.eventIds.find((x) => x !== kept)!;
    const contradicting = decide(other, '7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(checkAppend(state, contradicting, { forbidForks: true })).toMatchObject({ ok: false, error: { code: 'RESOLUTION_CONFLICT' } });
    expect(checkAppend(state, contradicting)).toEqual({ ok: true });
    const after = foldCase([...events, contradicting])!;
    expect(after.history.find((h) => h.eventId === contradicting.id)).toMatchObject({ outcome: 'conflict', code: 'RESOLUTION_CONFLICT' });
    expect(after.needsDecision).toBe(true);
    expect(after.conflicts.some((c) => c.kind === 'resolution' && c.resolvedBy === null)).toBe(true);
  });

  it('while two decisions contradict, a desk may decide only between them', () => {
    // found by the property above (seed -480794760): offline-1 made two decisions on a
    // three-way fork that contradict; a desk's third decision on the fork was let through,
    // yet the fold kept it without effect as part of the contradiction
    const s: Scenario = { item: 'MZ-DB-01', prefix: [1613235319, 0], branches: [[0], [217065446, 711443825]], noise: [], shuffleSeed: 0 };
    const events = build(s);
    const state = foldCase(events)!;
    const contradiction = conflictToDecide(state)!;
    expect(contradiction.kind).toBe('resolution');
    const fork = state.conflicts.find((c) => c.kind === 'decision' && c.resolvedBy === null)!;
    const sim = simulator(s.item);
    const decide = (chosen: string, overruled: string[]) => ({
      ...sim.make('decisionResolved', actors[4]!, { chosenEventId: chosen, overruledEventIds: overruled, note: '经核实' }, 'late-device', 1_900_000_000_000),
      id: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', caseId: state.caseId,
    }) as CaseEvent;
    const onFork = decide(fork.eventIds[0]!, fork.eventIds.slice(1));
    expect(checkAppend(state, onFork, { forbidForks: true })).toMatchObject({ ok: false, error: { code: 'RESOLUTION_CONFLICT' } });
    expect(foldCase([...events, onFork])!.history.find((h) => h.eventId === onFork.id)?.outcome).toBe('conflict');
    const [kept, setAside] = contradiction.eventIds as [string, string];
    const between = decide(kept, [setAside]);
    expect(checkAppend(state, between, { forbidForks: true })).toEqual({ ok: true });
    const after = foldCase([...events, between])!;
    expect(after.history.find((h) => h.eventId === between.id)?.outcome).toBe('applied');
    expect(after.conflicts.some((c) => c.kind === 'resolution' && c.resolvedBy === null)).toBe(false);
  });

  it('forks do arise in these histories (the generator is not vacuous)', () => {
    const samples = fc.sample(scenario, { numRuns: 60, seed: 42 });
    const forked = samples.map(build).map((e) => foldCase(e)!).filter((st) => st.conflicts.length > 0);
    expect(forked.length).toBeGreaterThan(3);
  });
});
