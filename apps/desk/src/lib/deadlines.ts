// 电子监察 on the desk: each case against its promised deadline, in working days, from the
// domain's watchDeadline. The desk passes today's date in China from its (injected) clock.
import { chinaDateOf, watchDeadline, type CaseState, type DeadlineLevel, type DeadlineWatch } from '@onetrip/domain';

export const WARN_DAYS = 2;

export function todayInChina(nowMs: number): string {
  return chinaDateOf(new Date(nowMs).toISOString());
}

export function classifyDeadline(state: CaseState, nowMs: number, warnDays = WARN_DAYS): DeadlineWatch {
  return watchDeadline(state, todayInChina(nowMs), { warnDays });
}

/** Counts for the workspace header: how many cases warn and how many are overdue. */
export function deadlineSummary(states: readonly CaseState[], nowMs: number): Record<DeadlineLevel, number> {
  const counts: Record<DeadlineLevel, number> = { none: 0, ok: 0, warning: 0, overdue: 0 };
  for (const s of states) counts[classifyDeadline(s, nowMs).level]++;
  return counts;
}
