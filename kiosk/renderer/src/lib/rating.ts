// 好差评: five levels; a low mark (≤ 2) must say why, chosen from a short list so the county can
// count the reasons. The replica's rateCase command then checks the case state (the domain's
// permission table allows a rating once a case is completed or rejected, once per case).
import type { CaseStatus } from '@onetrip/domain';

export const LOW_SCORE = 2;

export const SCORE_LABELS: readonly { score: number; zh: string; en: string }[] = [
  { score: 5, zh: '非常满意', en: 'Very satisfied' },
  { score: 4, zh: '满意', en: 'Satisfied' },
  { score: 3, zh: '基本满意', en: 'Acceptable' },
  { score: 2, zh: '不满意', en: 'Dissatisfied' },
  { score: 1, zh: '非常不满意', en: 'Very dissatisfied' },
];

/** Reasons for a low mark; stored by their Chinese text (the rated event's reasons are text). */
export const LOW_SCORE_REASONS: readonly { zh: string; en: string }[] = [
  { zh: '办理时间太长', en: 'It took too long' },
  { zh: '跑了不止一次', en: 'I had to come more than once' },
  { zh: '材料要求不清楚', en: 'The materials asked for were unclear' },
  { zh: '工作人员态度不好', en: 'Staff were unfriendly' },
  { zh: '结果不满意', en: 'Unhappy with the result' },
  { zh: '自助机不好用', en: 'The kiosk was hard to use' },
];

export type RatingCheck =
  | { ok: true; value: { score: number; reasons: string[] } }
  | { ok: false; error: { code: 'RATING_SCORE' | 'RATING_REASON_NEEDED' | 'RATING_REASON_UNKNOWN'; message: { zh: string; en: string } } };

export function validateRating(score: number, reasons: readonly string[]): RatingCheck {
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    return { ok: false, error: { code: 'RATING_SCORE', message: { zh: '请选择 1 到 5 分', en: 'Choose a mark from 1 to 5' } } };
  }
  if (score > LOW_SCORE) return { ok: true, value: { score, reasons: [] } };
  const known = new Set(LOW_SCORE_REASONS.map((r) => r.zh));
  if (reasons.some((r) => !known.has(r))) {
    return { ok: false, error: { code: 'RATING_REASON_UNKNOWN', message: { zh: '请从列表中选择原因', en: 'Choose reasons from the list' } } };
  }
  const unique = [...new Set(reasons)];
  if (unique.length === 0) {
    return { ok: false, error: { code: 'RATING_REASON_NEEDED', message: { zh: '请至少选择一个不满意的原因', en: 'Please choose at least one reason' } } };
  }
  return { ok: true, value: { score, reasons: unique } };
}

/** Whether the kiosk offers a rating for a case in this state. */
export const canRate = (status: CaseStatus | string, alreadyRated: boolean): boolean =>
  !alreadyRated && (status === 'completed' || status === 'rejected');
