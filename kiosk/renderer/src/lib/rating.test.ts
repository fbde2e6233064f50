import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LOW_SCORE_REASONS, canRate, validateRating } from './rating';

describe('rating validation', () => {
  it('takes a good mark without reasons and drops any reasons given', () => {
    expect(validateRating(5, [])).toEqual({ ok: true, value: { score: 5, reasons: [] } });
    expect(validateRating(3, ['办理时间太长'])).toEqual({ ok: true, value: { score: 3, reasons: [] } });
  });

  it('needs at least one listed reason for a mark of 2 or less', () => {
    expect(validateRating(2, [])).toMatchObject({ ok: false, error: { code: 'RATING_REASON_NEEDED' } });
    expect(validateRating(1, ['随便写的'])).toMatchObject({ ok: false, error: { code: 'RATING_REASON_UNKNOWN' } });
    expect(validateRating(1, ['办理时间太长', '办理时间太长'])).toEqual({ ok: true, value: { score: 1, reasons: ['办理时间太长'] } });
  });

  it('refuses marks outside 1–5 for any number (property)', () => {
    fc.assert(fc.property(fc.double(), (score) => {
      const r = validateRating(score, [LOW_SCORE_REASONS[0]!.zh]);
      return r.ok === (Number.isInteger(score) && score >= 1 && score <= 5);
    }));
  });

  it('offers a rating only for finished cases not yet rated', () => {
    expect(canRate('completed', false)).toBe(true);
    expect(canRate('rejected', false)).toBe(true);
    expect(canRate('completed', true)).toBe(false);
    expect(canRate('accepted', false)).toBe(false);
  });
});
