// One case: applicant (masked until revealed; each reveal is audited by the server), the item's
// checklist against the materials received, their photos, the history folded from the events,
// the deadline, and the actions this actor may take.
import type { Actor, CaseState } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { classifyDeadline } from '../lib/deadlines';
import { eventNames, levelNamesShort, outcomeNames, statusNames, ui, useLang } from '../lib/i18n';
import { useNames } from '../lib/names';
import { ActionPanel } from './ActionPanel';
import { ApplicantCard } from './ApplicantCard';
import { MaterialPhotos } from './MaterialPhotos';

function Checklist({ state }: { state: CaseState }) {
  const lang = useLang();
  const { findItem } = useNames();
  const item = findItem(state.itemCode);
  const received = new Set(state.materials.map((m) => m.materialCode));
  return (
    <section aria-label={ui.materials[lang]}>
      <h2>{ui.materials[lang]}</h2>
      <ul className="checklist">
        {item?.materials.map((m) => (
          <li key={m.code} className={received.has(m.code) ? 'ok' : state.requestedMaterials.includes(m.code) ? 'requested' : 'missing'}>
            {received.has(m.code) ? '✔' : '○'} {m.name[lang]}{m.required ? '' : lang === 'zh' ? '（可选）' : ' (optional)'} — {received.has(m.code) ? ui.provided[lang] : ui.missing[lang]}
          </li>
        ))}
      </ul>
    </section>
  );
}

function History({ state }: { state: CaseState }) {
  const lang = useLang();
  return (
    <section aria-label={ui.history[lang]}>
      <h2>{ui.history[lang]}</h2>
      <ol className="history">
        {state.history.map((h) => (
          <li key={h.eventId} className={`outcome-${h.outcome}`}>
            <time dateTime={h.at}>{new Date(h.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</time>
            {' '}{eventNames[h.type]?.[lang] ?? h.type}{outcomeNames[h.outcome]?.[lang]} — {levelNamesShort[h.level][lang]} {h.actorId}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CasePage({ state, caseId, actor, replica, onBack, now }: { state: CaseState | undefined; caseId: string; actor: Actor; replica: Replica; onBack(): void; now: number }) {
  const lang = useLang();
  const { itemName, regionName } = useNames();
  if (!state) return <p role="alert">{caseId} — {ui.noCases[lang]} <button type="button" onClick={onBack}>{ui.back[lang]}</button></p>;
  const deadline = classifyDeadline(state, now);
  return (
    <article className="case-page" data-case-id={state.caseId}>
      <button type="button" onClick={onBack} className="back">← {ui.back[lang]}</button>
      <h1>{itemName(state.itemCode, lang)} <span className="mono" data-testid="case-id">{state.caseId}</span></h1>
      <p className="case-status">
        <strong data-testid="case-status">{statusNames[state.status][lang]}</strong>
        {' · '}{levelNamesShort[state.holder.level][lang]} {regionName(state.holder.regionCode, lang)}
        {state.needsDecision && <strong className="needs-decision"> · {ui.needsDecision[lang]}</strong>}
        {deadline.level !== 'none' && <span className={`deadline deadline-${deadline.level}`} data-testid="deadline"> · {deadline.message[lang]}</span>}
      </p>
      <div className="case-grid">
        <div>
          <ApplicantCard state={state} replica={replica} />
          <Checklist state={state} />
          <MaterialPhotos state={state} replica={replica} />
        </div>
        <div>
          <ActionPanel state={state} actor={actor} replica={replica} />
          <History state={state} />
        </div>
      </div>
    </article>
  );
}
