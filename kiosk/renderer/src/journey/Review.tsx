import { maskIdNumber, type Item } from '@onetrip/domain';
import { pick, t, type Lang } from '../lib/i18n';
import { photosNeeded } from './Materials';
import type { Journey } from './state';

export function Review({ lang, item, journey, busy, onSubmit }: {
  lang: Lang; item: Item; journey: Journey; busy: boolean; onSubmit: () => void;
}) {
  const identity = journey.identity;
  if (!identity) return null;
  return (
    <main className="review">
      <h2>{t('reviewTitle', lang)}</h2>
      <dl className="facts">
        <dt>{t('item', lang)}</dt><dd>{item.name[lang]}</dd>
        <dt>{t('applicant', lang)}</dt><dd>{identity.name} · {maskIdNumber(identity.idNumber)}</dd>
        {item.formFields.map((f) => (
          <div key={f.key} className="fact-row"><dt>{pick(f.label, lang)}</dt><dd>{journey.form[f.key] || '—'}</dd></div>
        ))}
        {photosNeeded(item).map((n) => (
          <div key={n.code} className="fact-row"><dt>{pick(n.name, lang)}</dt>
            <dd>{journey.photos[n.code] ? <img src={journey.photos[n.code]?.previewUrl} alt={pick(n.name, lang)} className="thumb" /> : '—'}</dd></div>
        ))}
      </dl>
      {journey.error && <p role="alert" className="problem">{journey.error[lang]}</p>}
      <button type="button" className="primary" onClick={onSubmit} disabled={busy}>{busy ? t('submitting', lang) : t('submit', lang)}</button>
    </main>
  );
}
