// 好差评 for one case: five marks; a mark of 2 or less asks why (from a short list). The rating
// goes into the replica's `ratings` collection and reaches the server with the next push.
import { useState } from 'react';
import type { Lang } from '../lib/i18n';
import { errorText, type MoreServices } from '../lib/more-services';
import { tm } from '../lib/more-text';
import { LOW_SCORE, LOW_SCORE_REASONS, SCORE_LABELS, validateRating } from '../lib/rating';

export function RateCase({ lang, target, more, onDone }: { lang: Lang; target: { caseId: string; regionCode: string }; more: MoreServices; onDone: () => void }) {
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (r: string) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  const send = async () => {
    const checked = validateRating(score ?? 0, reasons);
    if (!checked.ok) { setProblem(checked.error.message); return; }
    setBusy(true);
    try { await more.rateCase(target, checked.value.score, checked.value.reasons); onDone(); }
    catch (err) { setProblem(errorText(err, { zh: '评价未能保存，请到窗口评价', en: 'The rating could not be saved; please rate at a desk' })); }
    finally { setBusy(false); }
  };
  return (
    <section className="rate" aria-label={tm('rateTitle', lang)}>
      <h3>{tm('rateTitle', lang)}</h3>
      <div className="scores" role="radiogroup" aria-label={tm('rateTitle', lang)}>
        {SCORE_LABELS.map((s) => (
          <button key={s.score} type="button" role="radio" aria-checked={score === s.score} onClick={() => setScore(s.score)}>
            {'★'.repeat(s.score)} {s[lang]}
          </button>
        ))}
      </div>
      {score !== null && score <= LOW_SCORE && (
        <fieldset className="reasons">
          <legend>{tm('lowReasons', lang)}</legend>
          {LOW_SCORE_REASONS.map((r) => (
            <label key={r.zh}><input type="checkbox" checked={reasons.includes(r.zh)} onChange={() => toggle(r.zh)} /> {r[lang]}</label>
          ))}
        </fieldset>
      )}
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
      <button type="button" className="primary" disabled={busy || score === null} onClick={() => void send()}>{tm('sendRating', lang)}</button>
    </section>
  );
}
