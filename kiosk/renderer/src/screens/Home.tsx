import { useState } from 'react';
import { lifeEventNames, type Item, type LifeEvent } from '@onetrip/domain';
import { t, type Lang } from '../lib/i18n';
import { tm } from '../lib/more-text';

export interface Department { code: string; name: string; nameEn: string }

export function Home(props: {
  lang: Lang;
  items: readonly Item[];
  departments: readonly Department[];
  onSearch: (query: string) => void;
  onLifeEvent: (event: string) => void;
  onDepartment: (code: string) => void;
  onTicket?: () => void;
  onProgress?: () => void;
}) {
  const { lang, items } = props;
  const [query, setQuery] = useState('');
  const events = (Object.keys(lifeEventNames) as LifeEvent[]).filter((e) => items.some((i) => i.lifeEvent === e));
  const departments = props.departments.filter((d) => items.some((i) => i.departmentCode === d.code));
  return (
    <main className="home">
      <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); props.onSearch(query); }}>
        <input aria-label={t('search', lang)} placeholder={t('searchPlaceholder', lang)} value={query}
          maxLength={40} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">{t('search', lang)}</button>
      </form>
      {(props.onTicket || props.onProgress) && (
        <ul className="tiles tiles-small">
          {props.onTicket && <li><button type="button" className="tile" onClick={props.onTicket}>{tm('takeTicket', lang)}</button></li>}
          {props.onProgress && <li><button type="button" className="tile" onClick={props.onProgress}>{tm('progress', lang)}</button></li>}
        </ul>
      )}
      <h2>{t('byLifeEvent', lang)}</h2>
      <ul className="tiles">
        {events.map((event) => {
          const label = lifeEventNames[event];
          return label && (
            <li key={event}>
              <button type="button" className="tile" onClick={() => props.onLifeEvent(event)}>
                {label[lang]}
              </button>
            </li>
          );
        })}
      </ul>
      <h2>{t('byDepartment', lang)}</h2>
      <ul className="tiles tiles-small">
        {departments.map((d) => (
          <li key={d.code}>
            <button type="button" className="tile" onClick={() => props.onDepartment(d.code)}>
              {lang === 'zh' ? d.name : d.nameEn}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
