// 办件查询: scan a receipt's QR code or place the ID card; shows what this kiosk holds of the
// case(s) and, when online, what the server's kiosk lookup answers — never anyone's personal
// data beyond the masked applicant of a case still held here. Completed or rejected cases can
// be rated (好差评), once per case.
import { useEffect, useState } from 'react';
import { levelNames, type Item, type Level } from '@onetrip/domain';
import { cardIdentity } from '../journey/state';
import type { KioskServices } from '../journey/services';
import type { Lang } from '../lib/i18n';
import { lookUpCard, lookUpScan, rateTarget, type CaseView, type LookupResult } from '../lib/lookup';
import { errorText, type MoreServices } from '../lib/more-services';
import { moreText, statusText, tm } from '../lib/more-text';
import { RateCase } from './RateCase';

const day = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '');

function ServerCase({ v, lang, itemName }: { v: Extract<CaseView, { kind: 'server' }>; lang: Lang; itemName: string }) {
  const level = (levelNames as Record<string, { zh: string; en: string } | undefined>)[v.level as Level];
  return (
    <>
      <p className="case-number" data-testid="case-number">{v.caseNumber}</p>
      <p>{itemName}</p>
      <p><strong>{tm('statusLabel', lang)}</strong>：<span data-testid="case-status">{v.statusText[lang]}</span></p>
      {level && <p>{tm('heldAt', lang, { level: level[lang] })}</p>}
      <p className="meta">{tm('submittedAt', lang)}：{day(v.submittedAt)}{v.deadline ? ` · ${tm('deadline', lang, { date: v.deadline })}` : ''}</p>
    </>
  );
}

export function ProgressScreen({ lang, items, services, more }: { lang: Lang; items: readonly Item[]; services: KioskServices; more: MoreServices }) {
  const [found, setFound] = useState<LookupResult | null>(null);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [rating, setRating] = useState<string | null>(null);
  const [ratedNow, setRatedNow] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => services.subscribe((event) => {
    const show = (p: Promise<LookupResult | null>) => {
      setBusy(true); setProblem(null);
      p.then((f) => { if (f) setFound(f); else { setFound(null); setProblem(moreText.notOurCode); } setRating(null); },
        (err: unknown) => setProblem(errorText(err, { zh: '查询失败，请到窗口查询', en: 'The lookup failed; please ask at a desk' })))
        .finally(() => setBusy(false));
    };
    if (event.event === 'scan') show(lookUpScan(event.data.code, more.lookup));
    else if (event.event === 'card') {
      const identity = cardIdentity(event.data.identity);
      // the number is used for this one lookup and dropped: only the matching cases' views are kept
      if (identity) show(lookUpCard(identity.idNumber, more.lookup));
    }
  }), [services, more]);

  const itemName = (code: string, fallback?: { zh: string; en: string } | null) => items.find((i) => i.code === code)?.name[lang] ?? fallback?.[lang] ?? code;
  return (
    <main className="progress">
      <h2>{tm('progress', lang)}</h2>
      {!found && !busy && <p>{tm('progressHint', lang)}</p>}
      {busy && <p role="status">{tm('lookingUp', lang)}</p>}
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
      {found?.offline && <p role="status" className="problem">{tm('offlineLookup', lang)}</p>}
      {found?.byCard && found.views.length === 0 && <p role="status">{tm(found.offline ? 'noCasesForCardOffline' : 'noCasesForCard', lang)}</p>}
      {found?.views.map((v) => {
        const target = ratedNow.has(v.caseId) ? null : rateTarget(v);
        const rated = ratedNow.has(v.caseId) || ((v.kind === 'server' || v.kind === 'here') && v.rated);
        return (
          <article key={v.caseId} className="case-view" data-testid="case-view">
            {v.kind === 'server' ? <ServerCase v={v} lang={lang} itemName={itemName(v.item.code, v.item.name)} /> : <p className="case-number">{v.caseId}</p>}
            {v.kind === 'unknown' && <p role="status">{tm(found.offline ? 'unknownCaseOffline' : 'unknownCase', lang)}</p>}
            {(v.kind === 'sent' || v.kind === 'here') && <p>{itemName(v.itemCode)}</p>}
            {v.kind === 'sent' && <p role="status">{tm(found.offline ? 'sentCaseOffline' : 'sentCase', lang)}</p>}
            {v.kind === 'here' && (
              <>
                <p>{v.applicant}</p>
                <p><strong>{tm('statusLabel', lang)}</strong>：{statusText(v.status, lang)}</p>
                <p className="meta">{tm('heldCase', lang)}</p>
              </>
            )}
            {rated && <p role="status" data-testid="already-rated">{tm('alreadyRated', lang)}</p>}
            {target && rating !== v.caseId && (
              <button type="button" className="primary" onClick={() => setRating(v.caseId)}>{tm('rate', lang)}</button>
            )}
            {target && rating === v.caseId && (
              <RateCase lang={lang} target={target} more={more} onDone={() => { setRating(null); setRatedNow((s) => new Set([...s, v.caseId])); }} />
            )}
            {ratedNow.has(v.caseId) && <p role="status">{tm('rated', lang)}</p>}
          </article>
        );
      })}
    </main>
  );
}
