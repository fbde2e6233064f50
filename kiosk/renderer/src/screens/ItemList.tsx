import type { Item } from '@onetrip/domain';
import { t, type Lang } from '../lib/i18n';

export function ItemList({ lang, title, items, onOpen }: {
  lang: Lang; title: string; items: readonly Item[]; onOpen: (code: string) => void;
}) {
  return (
    <main className="item-list">
      <h2>{title}</h2>
      {items.length === 0 ? <p role="status">{t('noResults', lang)}</p> : (
        <ul>
          {items.map((item) => (
            <li key={item.code}>
              <button type="button" className="row" onClick={() => onOpen(item.code)}>
                <span className="row-name">{item.name[lang]}</span>
                <span className="row-meta">{item.kioskAllowed ? t('kioskApply', lang) : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
