import { describe, expect, it } from 'vitest';
import { foldCase, type CaseState } from '@onetrip/domain';
import { applicantPayload, demoActors, eventBuilder } from '@onetrip/domain/testing';
import { classifyDeadline, deadlineSummary, todayInChina } from './deadlines';
import { filterInbox } from './inbox-filter';

// 低保 accepted on Monday 2026-03-02 (promised 20 working days).
function acceptedCase(): CaseState {
  const b = eventBuilder({ itemCode: 'MZ-DB-01', start: Date.UTC(2026, 2, 2, 1, 0, 0) });
  return foldCase([b.make('submitted', demoActors.clerk, applicantPayload()), b.make('accepted', demoActors.clerk, {})]) as CaseState;
}
const at = (day: string) => Date.parse(`${day}T02:00:00Z`);

describe('deadline classification (电子监察)', () => {
  it('uses the date in China, not UTC', () => {
    expect(todayInChina(Date.parse('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });

  it('is ok well before, warns within two working days, alarms after', () => {
    const state = acceptedCase();
    expect(state.deadline).not.toBeNull();
    expect(classifyDeadline(state, at('2026-03-03')).level).toBe('ok');
    expect(classifyDeadline(state, at(state.deadline!)).level).toBe('warning');
    const late = classifyDeadline(state, at('2026-06-01'));
    expect(late.level).toBe('overdue');
    expect(late.message.zh).toContain('已超过承诺时限');
    expect(deadlineSummary([state, state], at('2026-06-01'))).toEqual({ none: 0, ok: 0, warning: 0, overdue: 2 });
  });
});

describe('working days with the official holiday calendar', () => {
  it('skips the National Day holiday and counts the 调休 Saturday: accepted Mon 2026-09-28, 20 working days → 2026-10-30 (weekends only would say 10-26)', () => {
    const b = eventBuilder({ itemCode: 'MZ-TK-01', start: Date.UTC(2026, 8, 28, 1, 0, 0) });
    const state = foldCase([b.make('submitted', demoActors.clerk, applicantPayload()), b.make('accepted', demoActors.clerk, {})]) as CaseState;
    expect(state.deadline).toBe('2026-10-30');
    expect(state.deadlineApproximate).toBe(false);
    expect(classifyDeadline(state, at('2026-10-08')).level).toBe('ok');
    expect(classifyDeadline(state, at('2026-10-28')).level).toBe('warning');
    expect(classifyDeadline(state, at('2026-11-02')).level).toBe('overdue');
  });
});

describe('inbox filters', () => {
  it('filters by status, item, level, overdue and needs-decision, urgent first', () => {
    const accepted = acceptedCase();
    const fresh = foldCase([eventBuilder({ itemCode: 'MZ-LNZ-01' }).make('submitted', demoActors.clerk, applicantPayload())]) as CaseState;
    const now = at('2026-06-01');
    expect(filterInbox([fresh, accepted], {}, now).map((r) => r.state.caseId)).toEqual([accepted.caseId, fresh.caseId]);
    expect(filterInbox([fresh, accepted], { status: 'submitted' }, now)).toHaveLength(1);
    expect(filterInbox([fresh, accepted], { itemCode: 'MZ-LNZ-01' }, now)[0]?.state.caseId).toBe(fresh.caseId);
    expect(filterInbox([fresh, accepted], { overdueOnly: true }, now)[0]?.state.caseId).toBe(accepted.caseId);
    expect(filterInbox([fresh, accepted], { level: 'township' }, now)).toHaveLength(0);
    expect(filterInbox([fresh, accepted], { needsDecisionOnly: true }, now)).toHaveLength(0);
    expect(filterInbox([fresh, accepted], { needsDecisionOnly: true }, now)).toHaveLength(0);
    expect(filterInbox([fresh, accepted], { text: '老年' }, now, (c) => (c === 'MZ-LNZ-01' ? '老年证办理' : '低保申请'))).toHaveLength(1);
    expect(filterInbox([fresh, accepted], { status: 'open' }, now)).toHaveLength(2);
  });
});
