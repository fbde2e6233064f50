// 办件查询: scan a receipt's QR code or place the ID card; shows what this kiosk knows of the
// case(s) and nothing of anyone else's. Completed cases held here can be rated.
import { useEffect, useState } from 'react';
import type { Item } from '@onetrip/domain';
import { cardIdentity } from '../journey/state';
import type { KioskServices } from '../journey/services';
import type { Lang } from '../lib/i18n';
import { caseIdFromScan, casesOfPerson, viewOfCase, type CaseView } from '../lib/lookup';
import { errorText, type MoreServices } from '../lib/more-services';
import { moreText, statusText, tm } from '../lib/more-text';
import { canRate } from '../lib/rating';
import { RateCase } from './RateCase';

type Found = { views: CaseView[]; byCard: boolean };

export function ProgressScreen({ lang, items, services, more }: { lang: Lang; items: readonly Item[]; services: KioskServices; more: MoreServices }) {
  const [found, setFound] = useState<Found | null>(null);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const [rating, setRating] = useState<string | null>(null);
  const [thanks, setThanks] = useState(false);
  useEffect(() => services.subscribe((event) => {
    const show = (p: Promise<Found>) => p.then((f) => { setFound(f); setProblem(null); setRating(null); setThanks(false); },
      (err: unknown) => setProblem(errorText(err, { zh: '查询失败，请到窗口查询', en: 'The lookup failed; please ask at a desk' })));
    if (event.event === 'scan') {
      const caseId = caseIdFromScan(event.data.code);
      if (!caseId) { setProblem(moreText.notOurCode); return; }
      show(more.findCase(caseId).then((doc) => ({ views: [viewOfCase(caseId, doc)], byCard: false })));
    } else if (event.event === 'card') {
      const identity = cardIdentity(event.data.identity);
      if (!identity) return;
      // the number is compared here and dropped: only the matching cases' masked views are kept
      show(more.allCases().then((docs) => ({ views: casesOfPerson(docs, identity.idNumber), byCard: true })));
    }
  }), [services, more]);

  const itemName = (code: string) => items.find((i) => i.code === code)?.name[lang] ?? code;
  return (
    <main className="progress">
      <h2>{tm('progress', lang)}</h2>
      {!found && <p>{tm('progressHint', lang)}</p>}
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
      {found?.byCard && found.views.length === 0 && <p role="status">{tm('noCasesForCard', lang)}</p>}
      {found?.views.map((v) => (
        <article key={v.caseId} className="case-view" data-testid="case-view">
          <p className="case-number">{v.caseId}</p>
          {v.kind === 'unknown' && <p role="status">{tm('unknownCase', lang)}</p>}
          {v.kind !== 'unknown' && <p>{itemName(v.itemCode)}</p>}
          {v.kind === 'sent' && <p role="status">{tm('sentCase', lang)}</p>}
          {v.kind === 'here' && (
            <>
              <p>{v.applicant}</p>
              <p><strong>{tm('statusLabel', lang)}</strong>：{statusText(v.status, lang)}</p>
              <p className="meta">{tm('heldCase', lang)}</p>
              {v.rated && <p>{tm('alreadyRated', lang)}</p>}
              {canRate(v.status, v.rated) && rating !== v.caseId && !thanks && (
                <button type="button" className="primary" onClick={() => setRating(v.caseId)}>{tm('rate', lang)}</button>
              )}
              {rating === v.caseId && <RateCase lang={lang} caseId={v.caseId} more={more} onDone={() => { setRating(null); setThanks(true); }} />}
            </>
          )}
        </article>
      ))}
      {thanks && <p role="status">{tm('rated', lang)}</p>}
    </main>
  );
}
