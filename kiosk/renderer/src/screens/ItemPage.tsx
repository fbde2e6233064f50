import { dataSourceNames, levelNames, type Item } from '@onetrip/domain';
import { pick, t, type Lang } from '../lib/i18n';

function tripsText(item: Item, lang: Lang): string {
  if (item.trips === 0) return t('trips0', lang);
  if (item.trips === 1) return t('trips1', lang);
  const visits = item.negativeList?.visits ?? 2;
  return `${t('tripsNegative', lang, { n: visits })}${item.negativeList ? ` — ${pick(item.negativeList.reason, lang)}` : ''}`;
}

function feeText(item: Item, lang: Lang): string {
  if (item.fee.amountFen === 0) return t('free', lang);
  const yuan = (item.fee.amountFen / 100).toFixed(2);
  return `${lang === 'zh' ? `${yuan} 元` : `CNY ${yuan}`}${item.fee.note ? ` (${pick(item.fee.note, lang)})` : ''}`;
}

export type PrintState = 'idle' | 'printing' | 'printed' | 'queued' | 'failed';

export function ItemPage({ lang, item, printState, onPrintNotice, onApply }: {
  lang: Lang; item: Item; printState: PrintState; onPrintNotice: () => void; onApply: () => void;
}) {
  const limits = item.promisedDays === 0 ? t('instant', lang)
    : `${t('promised', lang, { n: item.promisedDays })} · ${t('statutory', lang, { n: item.statutoryDays })}`;
  return (
    <main className="item-page">
      <h2>{item.name[lang]}</h2>
      <dl className="facts">
        <dt>{t('where', lang)}</dt>
        <dd>{item.kioskAllowed ? t('kioskApply', lang) : t('kioskNoApply', lang, { level: pick(levelNames[item.acceptLevel], lang) })}</dd>
        <dt>{t('trips', lang)}</dt><dd>{tripsText(item, lang)}</dd>
        <dt>{t('limits', lang)}</dt><dd>{limits}</dd>
        <dt>{t('fee', lang)}</dt><dd>{feeText(item, lang)}</dd>
        <dt>{t('result', lang)}</dt><dd>{pick(item.resultDelivery, lang)}</dd>
      </dl>
      <h3>{t('materials', lang)}</h3>
      <ol className="materials">
        {item.materials.map((m) => (
          <li key={m.code} className={m.waivedBy ? 'waived' : undefined}>
            <span>{pick(m.name, lang)}</span>{' '}
            {m.waivedBy
              ? <strong className="badge">{t('waived', lang, { source: pick(dataSourceNames[m.waivedBy.source], lang) })}</strong>
              : <span className="meta">{t('copies', lang, { n: m.copies })}{m.original ? ` · ${t('original', lang)}` : ''}</span>}
          </li>
        ))}
      </ol>
      <div className="actions">
        {item.kioskAllowed && <button type="button" className="primary" onClick={onApply}>{t('apply', lang)}</button>}
        <button type="button" onClick={onPrintNotice} disabled={printState === 'printing'}>
          {printState === 'printing' ? t('printing', lang) : t('printNotice', lang)}
        </button>
      </div>
      {printState === 'printed' && <p role="status">{t('printed', lang)}</p>}
      {printState === 'queued' && <p role="status">{t('printQueued', lang)}</p>}
      {printState === 'failed' && <p role="alert">{t('printFailed', lang)}</p>}
    </main>
  );
}
