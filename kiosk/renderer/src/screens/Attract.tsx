import { t, type Lang } from '../lib/i18n';

export function Attract({ lang, onStart }: { lang: Lang; onStart: () => void }) {
  return (
    <button type="button" className="attract" onClick={onStart}>
      <h1>{t('appName', lang)}</h1>
      <p className="attract-line">{t('attractLine', lang)}</p>
      <p className="attract-touch">{t('touchToStart', lang)}</p>
    </button>
  );
}
