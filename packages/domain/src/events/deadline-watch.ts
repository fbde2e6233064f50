import { chinaCalendar, workingDaysBetween, type HolidayCalendar } from '../calendar';
import type { CaseState } from './state';

export type DeadlineLevel = 'none' | 'ok' | 'warning' | 'overdue';

export interface DeadlineWatch {
  level: DeadlineLevel;
  /** Working days from `today` to the promised deadline (negative when overdue); null without a deadline. */
  workingDaysLeft: number | null;
  /** True when the statutory limit has also passed. */
  statutoryOverdue: boolean;
  approximate: boolean;
  message: { zh: string; en: string };
}

/**
 * 电子监察: where a case stands against its promised deadline on `today` (a China date,
 * passed in: the domain reads no clock). `warning` from `warnDays` working days before.
 */
export function watchDeadline(state: CaseState, today: string, opts: { warnDays?: number; calendar?: HolidayCalendar } = {}): DeadlineWatch {
  const calendar = opts.calendar ?? chinaCalendar;
  if (state.deadline === null) {
    return { level: 'none', workingDaysLeft: null, statutoryOverdue: false, approximate: false, message: { zh: '无办理时限', en: 'no deadline running' } };
  }
  const left = workingDaysBetween(today, state.deadline, calendar);
  const statutoryOverdue = state.statutoryDeadline !== null && today > state.statutoryDeadline;
  const approximate = left.approximate || state.deadlineApproximate;
  if (today > state.deadline) {
    const late = -left.value;
    return { level: 'overdue', workingDaysLeft: left.value, statutoryOverdue, approximate,
      message: { zh: `已超过承诺时限 ${late} 个工作日${statutoryOverdue ? ',并已超过法定时限' : ''}`, en: `${late} working day(s) past the promised deadline${statutoryOverdue ? ', and past the statutory limit' : ''}` } };
  }
  const level = left.value <= (opts.warnDays ?? 2) ? 'warning' : 'ok';
  return { level, workingDaysLeft: left.value, statutoryOverdue, approximate,
    message: { zh: `距承诺时限还有 ${left.value} 个工作日`, en: `${left.value} working day(s) left before the promised deadline` } };
}
