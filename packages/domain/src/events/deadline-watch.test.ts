import { describe, expect, it } from 'vitest';
import { watchDeadline } from './deadline-watch';
import { foldCase } from './fold';
import { applicantPayload, demoActors as a, eventBuilder } from './fixtures';

describe('watchDeadline (电子监察)', () => {
  const b = eventBuilder(); // 低保: promised 20, statutory 30 working days from 2026-03-02
  const state = foldCase([b.make('submitted', a.kiosk, applicantPayload()), b.make('accepted', a.clerk, {})])!;

  it('is ok early, warns near the deadline, and is overdue after it', () => {
    expect(watchDeadline(state, '2026-03-03')).toMatchObject({ level: 'ok', workingDaysLeft: 19 });
    expect(watchDeadline(state, '2026-03-26')).toMatchObject({ level: 'warning', workingDaysLeft: 2 });
    expect(watchDeadline(state, '2026-03-30')).toMatchObject({ level: 'warning', workingDaysLeft: 0 });
    const late = watchDeadline(state, '2026-04-01');
    expect(late).toMatchObject({ level: 'overdue', workingDaysLeft: -2, statutoryOverdue: false });
    expect(late.message.zh).toContain('超过承诺时限 2 个工作日');
    expect(watchDeadline(state, '2026-04-15').statutoryOverdue).toBe(true);
  });

  it('has nothing to watch before acceptance', () => {
    const submitted = foldCase([b.make('submitted', a.kiosk, applicantPayload())]);
    expect(watchDeadline(submitted!, '2026-03-03').level).toBe('none');
  });
});
