import { useEffect, useState } from 'react';
import { t, type Lang } from '../lib/i18n';
import type { KioskServices } from './services';
import { cardIdentity, type CardIdentity } from './state';

/** Waits for a card on the reader; says plainly what to do when the reader cannot read it. */
export function Identify({ lang, services, onIdentified }: {
  lang: Lang; services: KioskServices; onIdentified: (identity: CardIdentity) => void;
}) {
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  useEffect(() => services.subscribe((event) => {
    if (event.event === 'card') {
      const identity = cardIdentity(event.data.identity);
      if (identity) onIdentified(identity);
      else setProblem({ zh: '无法读取这张证件，请重新放置或联系工作人员', en: 'This card cannot be read; place it again or ask staff' });
    } else if (event.event === 'health' && event.data.kind === 'idcard') {
      setProblem(event.data.lastError && event.data.state !== 'ok' && event.data.state !== 'simulated' ? event.data.lastError.message : null);
    }
  }), [services, onIdentified]);
  return (
    <main className="identify">
      <h2>{t('placeCard', lang)}</h2>
      <div className="card-slot" aria-hidden="true" />
      <p>{t('placeCardHint', lang)}</p>
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
    </main>
  );
}
