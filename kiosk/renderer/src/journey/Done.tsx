import { t, type Lang } from '../lib/i18n';
import type { Journey } from './state';

export function Done({ lang, result, onFinish }: { lang: Lang; result: NonNullable<Journey['result']>; onFinish: () => void }) {
  return (
    <main className="done">
      <h2>{t('submitted', lang)}</h2>
      <p className="case-number">{t('caseNumber', lang)}：<strong data-testid="case-number">{result.caseId}</strong></p>
      <p role="status">{result.pending ? t('pendingSend', lang) : t('sentToServer', lang)}</p>
      <p role={result.print === 'failed' ? 'alert' : 'status'}>
        {result.print === 'printed' ? t('receiptPrinted', lang) : result.print === 'queued' ? t('receiptQueued', lang) : t('printFailed', lang)}
      </p>
      <button type="button" className="primary" onClick={onFinish}>{t('finish', lang)}</button>
    </main>
  );
}
