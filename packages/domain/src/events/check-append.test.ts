import { describe, expect, it } from 'vitest';
import { foldCase } from './fold';
import { checkAppend } from './check-append';
import { isCaseVisibleTo, type Principal } from './scope';
import { permissionTable } from './permissions';
import { CaseEventType, type CaseEvent } from './schema';
import { applicantPayload, demoActors as a, eventBuilder } from './fixtures';

const codeOf = (state: ReturnType<typeof foldCase>, event: CaseEvent): string => {
  const r = checkAppend(state, event);
  return r.ok ? 'ok' : r.error.code;
};

describe('checkAppend', () => {
  it('the permission table covers every event type exactly once', () => {
    expect(permissionTable.map((r) => r.event).sort()).toEqual([...CaseEventType.options].sort());
  });

  it('only a submission starts a case, and only once', () => {
    const b = eventBuilder();
    const submitted = b.make('submitted', a.kiosk, applicantPayload());
    expect(codeOf(null, b.make('accepted', a.clerk, {}))).toBe('CASE_NOT_FOUND');
    expect(codeOf(null, submitted)).toBe('ok');
    expect(codeOf(foldCase([submitted]), b.make('submitted', a.clerk, applicantPayload()))).toBe('CASE_EXISTS');
    expect(codeOf(foldCase([submitted]), submitted)).toBe('ok'); // a repeat is harmless
  });

  it('refuses kiosks for window-only items and unknown items', () => {
    expect(codeOf(null, eventBuilder({ itemCode: 'MZ-JZ-01' }).make('submitted', a.kiosk, applicantPayload()))).toBe('ITEM_NOT_KIOSK');
    expect(codeOf(null, eventBuilder({ itemCode: 'XX-NONE-1' }).make('submitted', a.clerk, applicantPayload()))).toBe('ITEM_UNKNOWN');
    expect(codeOf(null, eventBuilder({ regionCode: '430182000000' }).make('submitted', a.clerk, applicantPayload()))).toBe('OUT_OF_JURISDICTION');
  });

  it('checks the actor against the holder: level, region and department', () => {
    const b = eventBuilder({ itemCode: 'CL-LX-01' });
    const events: CaseEvent[] = [b.make('submitted', a.kiosk, applicantPayload())];
    let state = foldCase(events);
    expect(state?.holder).toEqual({ level: 'village', regionCode: '430182104201' });
    expect(codeOf(state, b.make('accepted', a.otherClerk, {}))).toBe('NOT_HOLDER');
    expect(codeOf(state, b.make('accepted', a.staff, {}))).toBe('NOT_HOLDER');
    expect(codeOf(state, b.make('accepted', { ...a.clerk, level: 'township' }, {}))).toBe('ROLE_LEVEL_MISMATCH');
    events.push(b.make('accepted', a.clerk, {}));
    state = foldCase(events);
    expect(codeOf(state, b.make('approved', a.clerk, {}))).toBe('DECIDE_LEVEL_MISMATCH');
    expect(codeOf(state, b.make('forwarded', a.clerk, { toLevel: 'village', toRegionCode: '430182104201', note: '' }))).toBe('FORWARD_NOT_UPWARD');
    expect(codeOf(state, b.make('forwarded', a.clerk, { toLevel: 'city', toRegionCode: '430182000000', note: '' }))).toBe('FORWARD_TARGET_INVALID');
    expect(codeOf(state, b.make('forwarded', a.clerk, { toLevel: 'township', toRegionCode: '430182103000', note: '' }))).toBe('FORWARD_TARGET_INVALID');
    events.push(b.make('forwarded', a.clerk, { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'disabledFederation', note: '两项补贴' }));
    state = foldCase(events);
    expect(state?.departmentsInvolved).toEqual(['disabledFederation']);
    expect(codeOf(state, b.make('accepted', a.reviewer, {}))).toBe('NOT_HOLDER'); // civil affairs, not the federation
    const federation = { ...a.reviewer, id: 'reviewer-cl', departmentCode: 'disabledFederation' };
    expect(codeOf(state, b.make('accepted', federation, {}))).toBe('ok');
  });

  it('forwarding beyond the deciding level is refused (特困供养 is decided at the township, 低保 by 民政局)', () => {
    const to = { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'civilAffairs', note: '' } as const;
    const tk = eventBuilder({ itemCode: 'MZ-TK-01' });
    const tkEvents = [tk.make('submitted', a.kiosk, applicantPayload()), tk.make('accepted', a.clerk, {})];
    expect(codeOf(foldCase(tkEvents), tk.make('forwarded', a.clerk, to))).toBe('FORWARD_BEYOND_DECIDE_LEVEL');
    const db = eventBuilder({ itemCode: 'MZ-DB-01' });
    const dbEvents = [db.make('submitted', a.kiosk, applicantPayload()), db.make('accepted', a.clerk, {}),
      db.make('forwarded', a.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: '' }), db.make('accepted', a.staff, {})];
    expect(codeOf(foldCase(dbEvents), db.make('approved', a.staff, {}))).toBe('DECIDE_LEVEL_MISMATCH');
    expect(codeOf(foldCase(dbEvents), db.make('forwarded', a.staff, to))).toBe('ok');
  });

  it('a village-level item filed at a township kiosk (no village involved) is decided by the township', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01', regionCode: '430182104000' });
    const events: CaseEvent[] = [b.make('submitted', a.kiosk, applicantPayload())];
    expect(foldCase(events)?.holder).toEqual({ level: 'township', regionCode: '430182104000' });
    events.push(b.make('accepted', a.staff, {}));
    expect(codeOf(foldCase(events), b.make('approved', a.staff, {}))).toBe('ok');
    // the same item filed for a village is still the village's to decide
    const v = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const atVillage: CaseEvent[] = [v.make('submitted', a.kiosk, applicantPayload()), v.make('accepted', a.clerk, {})];
    expect(codeOf(foldCase(atVillage), v.make('approved', a.clerk, {}))).toBe('ok');
  });

  it('materials requested pause the deadline; supplied restarts it from the supply date', () => {
    const b = eventBuilder({ itemCode: 'MZ-DB-01' });
    const events: CaseEvent[] = [b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {}),
      b.make('materialsRequested', a.clerk, { materialCodes: ['incomeAuthorisation'], note: '授权书未签字' })];
    const waiting = foldCase(events)!;
    expect(waiting).toMatchObject({ status: 'awaitingMaterials', deadline: null, requestedMaterials: ['incomeAuthorisation'] });
    expect(codeOf(waiting, b.make('approved', a.clerk, {}))).toBe('STATE_NOT_ALLOWED');
    events.push(b.make('materialsSupplied', a.kiosk, { materials: [{ sha256: 'c'.repeat(64), mediaType: 'image/png', size: 10, materialCode: 'incomeAuthorisation' }] }, { wall: Date.UTC(2026, 2, 9, 2) }));
    const resumed = foldCase(events)!;
    expect(resumed).toMatchObject({ status: 'accepted', deadline: '2026-04-07', requestedMaterials: [] });
    expect(resumed.materials).toHaveLength(2);
  });

  it('a rating comes once, after the end', () => {
    const b = eventBuilder({ itemCode: 'MZ-JZ-01' });
    const events: CaseEvent[] = [b.make('submitted', a.clerk, applicantPayload()), b.make('rejected', a.clerk, { reason: '非本村常住' })];
    const state = foldCase(events);
    events.push(b.make('rated', a.kiosk, { score: 3, reasons: [] }));
    expect(codeOf(foldCase(events), b.make('rated', a.kiosk, { score: 1, reasons: [] }))).toBe('CASE_ALREADY_RATED');
    expect(state?.status).toBe('rejected');
  });

  it('a case that needs a decision takes only a valid decision', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const submitted = b.make('submitted', a.kiosk, applicantPayload());
    const accepted = b.make('accepted', a.clerk, {}, { deviceId: 'desk-1' });
    const acceptedToo = b.make('accepted', a.clerk2, {}, { deviceId: 'desk-2' });
    const approved = b.make('approved', a.clerk, {}, { deviceId: 'desk-1' });
    const withdrawn = b.make('withdrawn', a.kiosk, { reason: '不办了' }, { deviceId: 'kiosk-2' });
    const state = foldCase([submitted, accepted, acceptedToo, approved, withdrawn])!;
    expect(state.history.map((h) => h.outcome)).toEqual(['applied', 'applied', 'redundant', 'applied', 'conflict']);
    expect(state.needsDecision).toBe(true);
    expect(state.conflicts[0]).toMatchObject({ fromStatus: 'accepted', eventIds: [approved.id, withdrawn.id] });
    expect(codeOf(state, b.make('issued', a.clerk, { collectAt: { level: 'village', regionCode: '430182104201' } }))).toBe('CASE_NEEDS_DECISION');
    expect(codeOf(state, b.make('decisionResolved', a.staff, { chosenEventId: approved.id, overruledEventIds: [accepted.id], note: '' }))).toBe('RESOLUTION_INVALID');
    expect(codeOf(state, b.make('decisionResolved', a.kiosk, { chosenEventId: approved.id, overruledEventIds: [withdrawn.id], note: '' }))).toBe('ROLE_NOT_ALLOWED');
  });

  it('keeps a step made offline against an earlier state (the server must not drop a fork), unless forbidForks', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const events = [b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {}, { deviceId: 'desk-1' }),
      b.make('approved', a.clerk, {}, { deviceId: 'desk-1' })];
    const state = foldCase(events);
    const offlineReject = b.make('rejected', a.clerk2, { reason: '离线时作出' }, { deviceId: 'desk-2' });
    expect(checkAppend(state, offlineReject)).toEqual({ ok: true });
    const strict = checkAppend(state, offlineReject, { forbidForks: true });
    expect(strict.ok ? 'ok' : strict.error.code).toBe('STATE_NOT_ALLOWED');
    const sameDevice = b.make('rejected', a.clerk, {}, { deviceId: 'desk-1' });
    expect(codeOf(state, sameDevice)).toBe('STATE_NOT_ALLOWED'); // desk-1 saw its own approval
    expect(foldCase([...events, offlineReject])?.needsDecision).toBe(true);
  });

  it('keeps the later steps of the offline branch, and applies them when a decision picks that branch', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const events: CaseEvent[] = [b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {}, { deviceId: 'desk-1' }),
      b.make('approved', a.clerk, {}, { deviceId: 'desk-1' })];
    const offlineReject = b.make('rejected', a.clerk2, { reason: '离线时作出' }, { deviceId: 'desk-2' });
    const offlineRating = b.make('rated', a.clerk2, { score: 4, reasons: [] }, { deviceId: 'desk-2' });
    events.push(offlineReject);
    const forked = foldCase(events);
    expect(checkAppend(forked, offlineRating)).toEqual({ ok: true });
    expect(codeOf(forked, b.make('rated', a.clerk, { score: 1, reasons: [] }, { deviceId: 'desk-9' }))).toBe('STATE_NOT_ALLOWED'); // not on a branch
    events.push(offlineRating);
    expect(foldCase(events)?.history.at(-1)).toMatchObject({ outcome: 'refused', code: 'STATE_NOT_ALLOWED' });
    const approvedId = events[2]!.id;
    events.push(b.make('decisionResolved', a.staff, { chosenEventId: offlineReject.id, overruledEventIds: [approvedId], note: '' }));
    expect(foldCase(events)).toMatchObject({ status: 'rejected', needsDecision: false, rating: { score: 4 } });
  });

  it('contradicting decisions stay open until a later decision overrules one of them', () => {
    const b = eventBuilder({ itemCode: 'MZ-LNZ-01' });
    const base = [b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {})];
    const approved = b.make('approved', a.clerk, {}, { deviceId: 'desk-1' });
    const rejected = b.make('rejected', a.clerk2, {}, { deviceId: 'desk-2' });
    const keepApproved = b.make('decisionResolved', a.staff, { chosenEventId: approved.id, overruledEventIds: [rejected.id], note: '' }, { deviceId: 'desk-3' });
    const keepRejected = b.make('decisionResolved', a.staff2, { chosenEventId: rejected.id, overruledEventIds: [approved.id], note: '' }, { deviceId: 'desk-4' });
    const contradicted = foldCase([...base, approved, rejected, keepApproved, keepRejected])!;
    expect(contradicted.needsDecision).toBe(true);
    expect(contradicted.conflicts.find((c) => c.kind === 'resolution')?.eventIds.sort()).toEqual([keepApproved.id, keepRejected.id].sort());
    const final = b.make('decisionResolved', a.staff, { chosenEventId: keepRejected.id, overruledEventIds: [keepApproved.id], note: '以复核结果为准' });
    const settled = foldCase([...base, approved, rejected, keepApproved, keepRejected, final])!;
    expect(settled).toMatchObject({ needsDecision: false, status: 'rejected' });
  });
});

describe('isCaseVisibleTo', () => {
  const b = eventBuilder({ itemCode: 'CL-LX-01' });
  const events = [b.make('submitted', a.kiosk, applicantPayload(), { deviceId: 'kiosk-ht-1' }), b.make('accepted', a.clerk, {}),
    b.make('forwarded', a.clerk, { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'disabledFederation', note: '' })];
  const state = foldCase(events)!;
  const p = (role: Principal['role'], regionCode: string, extra: Partial<Principal> = {}): Principal => ({ kind: 'user', id: 'u', role, regionCode, ...extra });

  it('follows the scope rules of each role', () => {
    expect(isCaseVisibleTo({ kind: 'device', id: 'kiosk-ht-1', role: 'kiosk', regionCode: '430182104000' }, state)).toBe(true);
    expect(isCaseVisibleTo({ kind: 'device', id: 'kiosk-ht-2', role: 'kiosk', regionCode: '430182104000' }, state)).toBe(false);
    expect(isCaseVisibleTo(p('villageClerk', '430182104201'), state)).toBe(true);
    expect(isCaseVisibleTo(p('villageClerk', '430182104202'), state)).toBe(false);
    expect(isCaseVisibleTo(p('townshipStaff', '430182104000'), state)).toBe(true);
    expect(isCaseVisibleTo(p('townshipStaff', '430182103000'), state)).toBe(false);
    expect(isCaseVisibleTo(p('cityReviewer', '430182000000', { departmentCode: 'disabledFederation' }), state)).toBe(true);
    expect(isCaseVisibleTo(p('cityReviewer', '430182000000', { departmentCode: 'civilAffairs' }), state)).toBe(false);
    expect(isCaseVisibleTo(p('admin', '430182000000'), state)).toBe(true);
  });
});
