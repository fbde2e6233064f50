// The inbox: filters (status, item, level, overdue, needs decision, text) over the live cases,
// in a big table; Enter or a click on a row opens the case.
import { useMemo, useState } from 'react';
import { CaseStatus, maskName, type CaseState, type Level } from '@onetrip/domain';
import { filterInbox, type InboxFilter } from '../lib/inbox-filter';
import { levelNamesShort, statusNames, ui, useLang } from '../lib/i18n';
import { useNames } from '../lib/names';

export function Inbox({ cases, now, onOpen }: { cases: CaseState[]; now: number; onOpen(caseId: string): void }) {
  const lang = useLang();
  const { catalogue, itemName } = useNames();
  const [filter, setFilter] = useState<InboxFilter>({ status: 'open' });
  const rows = useMemo(() => filterInbox(cases, filter, now, (code) => `${itemName(code, 'zh')} ${itemName(code, 'en')}`), [cases, filter, now, itemName]);
  const itemsSeen = useMemo(() => catalogue.filter((i) => cases.some((c) => c.itemCode === i.code)), [cases, catalogue]);
  const set = (patch: Partial<InboxFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="inbox" aria-label={ui.inbox[lang]}>
      <div className="filters" role="search">
        <label>{ui.status[lang]}
          <select value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as InboxFilter['status'] })}>
            <option value="">{ui.all[lang]}</option>
            <option value="open">{ui.openOnly[lang]}</option>
            {CaseStatus.options.map((s) => <option key={s} value={s}>{statusNames[s][lang]}</option>)}
          </select>
        </label>
        <label>{ui.item[lang]}
          <select value={filter.itemCode ?? ''} onChange={(e) => set({ itemCode: e.target.value || undefined })}>
            <option value="">{ui.all[lang]}</option>
            {itemsSeen.map((i) => <option key={i.code} value={i.code}>{i.name[lang]}</option>)}
          </select>
        </label>
        <label>{ui.level[lang]}
          <select value={filter.level ?? ''} onChange={(e) => set({ level: (e.target.value || undefined) as Level | undefined })}>
            <option value="">{ui.all[lang]}</option>
            {(['village', 'township', 'city'] as const).map((l) => <option key={l} value={l}>{levelNamesShort[l][lang]}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={filter.overdueOnly ?? false} onChange={(e) => set({ overdueOnly: e.target.checked })} />{ui.overdueOnly[lang]}</label>
        <label className="check"><input type="checkbox" checked={filter.needsDecisionOnly ?? false} onChange={(e) => set({ needsDecisionOnly: e.target.checked })} />{ui.needsDecisionOnly[lang]}</label>
        <input type="search" aria-label={ui.search[lang]} placeholder={ui.search[lang]} value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
      </div>
      <table>
        <thead>
          <tr><th>{ui.caseNumber[lang]}</th><th>{ui.item[lang]}</th><th>{ui.applicant[lang]}</th><th>{ui.status[lang]}</th><th>{ui.level[lang]}</th><th>{ui.deadline[lang]}</th></tr>
        </thead>
        <tbody>
          {rows.map(({ state, deadline }) => (
            <tr key={state.caseId} tabIndex={0} data-case-id={state.caseId} className={`deadline-${deadline.level}${state.needsDecision ? ' needs-decision' : ''}`}
              onClick={() => onOpen(state.caseId)} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(state.caseId); }}>
              <td className="mono">{state.caseId.slice(-8)}</td>
              <td>{itemName(state.itemCode, lang)}</td>
              <td>{maskName(state.applicant.name)}</td>
              <td>{statusNames[state.status][lang]}{state.needsDecision ? ` · ${ui.needsDecision[lang]}` : ''}</td>
              <td>{levelNamesShort[state.holder.level][lang]}</td>
              <td>{deadline.level === 'none' ? ui.deadlineNone[lang] : deadline.message[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">{ui.noCases[lang]}</p>}
    </section>
  );
}
