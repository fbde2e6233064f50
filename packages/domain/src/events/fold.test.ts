import { describe, expect, it } from 'vitest';
import { foldCase } from './fold';
import { checkAppend } from './check-append';
import { applicantPayload, demoActors as a, eventBuilder } from './fixtures';

describe('foldCase: the happy paths', () => {
  it('a 低保 application goes village → township → 民政局, which decides and issues it for collection at the township', () => {
    const b = eventBuilder();
    const toCity = { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'civilAffairs', note: '入户核查属实,报民政局审批' } as const;
    const events = [
      b.make('submitted', a.kiosk, applicantPayload()),
      b.make('accepted', a.clerk, {}),
      b.make('forwarded', a.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: '材料齐全,入户核查属实' }),
      b.make('accepted', a.staff, {}),
      b.make('forwarded', a.staff, toCity),
      b.make('accepted', a.reviewer, {}),
      b.make('approved', a.reviewer, { reason: '符合条件' }),
      b.make('issued', a.reviewer, { collectAt: { level: 'township', regionCode: '430182104000' } }),
      b.make('collected', a.staff, {}),
      b.make('rated', a.kiosk, { score: 5, reasons: ['办事快'] }),
    ];
    const state = foldCase(events)!;
    expect(state.history.filter((h) => h.outcome !== 'applied')).toEqual([]);
    expect(state.status).toBe('completed');
    expect(state.decision).toMatchObject({ type: 'approved', level: 'city' });
    expect(state.departmentsInvolved).toEqual(['civilAffairs']);
    expect(state.rating?.score).toBe(5);
    expect(state.needsDecision).toBe(false);
    expect(state.createdByDevice).toBe('dev-kiosk-ht-24h');
    // the township may not decide 低保 itself
    const atTownship = foldCase(events.slice(0, 4))!;
    expect(checkAppend(atTownship, b.make('approved', a.staff, {}))).toMatchObject({ ok: false, error: { code: 'DECIDE_LEVEL_MISMATCH' } });
  });

  it('a 特困供养 application from a kiosk is accepted by the village, forwarded and decided at the township', () => {
    const b = eventBuilder({ itemCode: 'MZ-TK-01' });
    const events = [
      b.make('submitted', a.kiosk, applicantPayload()),
      b.make('accepted', a.clerk, {}),
      b.make('forwarded', a.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: '材料齐全,入户核查属实' }),
      b.make('accepted', a.staff, {}),
      b.make('approved', a.staff, { reason: '符合条件' }),
      b.make('issued', a.staff, { collectAt: { level: 'village', regionCode: '430182104201' } }),
      b.make('collected', a.clerk, {}),
    ];
    const state = foldCase(events)!;
    expect(state.history.filter((h) => h.outcome !== 'applied')).toEqual([]);
    expect(state.status).toBe('completed');
    expect(state.decision).toMatchObject({ type: 'approved', level: 'township' });
  });

  it('computes the promised deadline in working days from acceptance (2026-03-02 + 20 working days)', () => {
    const b = eventBuilder();
    const state = foldCase([b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {})])!;
    expect(state.status).toBe('accepted');
    expect(state.deadline).toBe('2026-03-30');
    expect(state.statutoryDeadline).toBe('2026-04-14');
    expect(state.deadlineApproximate).toBe(false);
  });

  it('refuses a step by the wrong role, with a stable code, and checkAppend agrees', () => {
    const b = eventBuilder();
    const submitted = b.make('submitted', a.kiosk, applicantPayload());
    const approve = b.make('approved', a.kiosk as never, {});
    const state = foldCase([submitted, approve])!;
    expect(state.history[1]).toMatchObject({ outcome: 'refused', code: 'ROLE_NOT_ALLOWED' });
    const check = checkAppend(foldCase([submitted]), approve);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.code).toBe('ROLE_NOT_ALLOWED');
      expect(check.error.toTransferable().message.zh).toMatch(/无权/);
    }
  });

  it('two clerks deciding differently offline produce a case that needs a decision, then a resolution settles it', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const submitted = b.make('submitted', a.kiosk, applicantPayload());
    const accepted = b.make('accepted', a.clerk, {});
    const approved = b.make('approved', a.clerk, {});
    const rejected = b.make('rejected', a.clerk2, { reason: '年龄不符' });
    const forked = foldCase([submitted, accepted, approved, rejected])!;
    expect(forked.needsDecision).toBe(true);
    expect(forked.conflicts[0]?.eventIds).toEqual([approved.id, rejected.id]);
    expect(checkAppend(forked, b.make('issued', a.clerk, { collectAt: { level: 'village', regionCode: '430182104201' } })).ok).toBe(false);
    const resolve = b.make('decisionResolved', a.staff, { chosenEventId: rejected.id, overruledEventIds: [approved.id], note: '核实年龄未满60周岁' });
    expect(checkAppend(forked, resolve)).toEqual({ ok: true });
    const settled = foldCase([submitted, accepted, approved, rejected, resolve])!;
    expect(settled.needsDecision).toBe(false);
    expect(settled.status).toBe('rejected');
    expect(settled.history.find((h) => h.eventId === approved.id)?.outcome).toBe('overruled');
  });
});
