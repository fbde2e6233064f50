// The actions this actor may take on this case (lib/actions.ts from the permission table), each
// with the small form it needs; the step runs as a replica command (offline too) and the case
// page updates from the projection. Refusals show the domain's code and message.
import { useState } from 'react';
import type { Actor, BlobRef, CaseState, Item } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { availableActions, collectPlaces, forwardTarget, type DeskAction } from '../lib/actions';
import { toDeskError } from '../lib/desk-replica';
import { actionNames, levelNamesShort, ui, useLang, type Bilingual } from '../lib/i18n';
import { departmentName, useNames } from '../lib/names';
import { ConflictPanel } from './ConflictPanel';
import { MaterialCapture } from './MaterialCapture';
import { MaterialsNotice } from './MaterialsNotice';
import { materialsToPhotograph } from '../lib/photos';

interface FormState { note: string; materials: string[]; place: number; licence: string; photos: BlobRef[] }
const blank: FormState = { note: '', materials: [], place: 0, licence: '', photos: [] };

function run(replica: Replica, state: CaseState, actor: Actor, action: DeskAction, f: FormState, item: Item | undefined): Promise<unknown> {
  const c = replica.commands;
  const note = f.note.trim() || undefined;
  switch (action) {
    case 'accept': return c.acceptCase(state.caseId, note);
    case 'requestMaterials': return c.requestMaterials(state.caseId, f.materials, f.note.trim());
    case 'supply': return c.supplyMaterials(state.caseId, f.photos, note);
    case 'forward': return c.forwardCase(state.caseId, forwardTarget(state, actor, item)!, f.note.trim());
    case 'approve': return c.approveCase(state.caseId, note);
    case 'reject': return c.rejectCase(state.caseId, f.note.trim());
    case 'issue': return c.issueResult(state.caseId, collectPlaces(state)[f.place]!, f.licence.trim() || undefined);
    case 'collect': return c.markCollected(state.caseId, note);
    case 'withdraw': return c.withdrawCase(state.caseId, note);
    case 'resolve': return Promise.resolve();
  }
}

const noteRequired: DeskAction[] = ['requestMaterials', 'forward', 'reject'];

export function ActionPanel({ state, actor, replica }: { state: CaseState; actor: Actor; replica: Replica }) {
  const lang = useLang();
  const { findItem, regionName } = useNames();
  const [open, setOpen] = useState<DeskAction | null>(null);
  const [form, setForm] = useState<FormState>(blank);
  const [error, setError] = useState<Bilingual | null>(null);
  const [notice, setNotice] = useState<{ materials: string[]; reason: string } | null>(null);
  const item = findItem(state.itemCode);
  const actions = availableActions(state, actor, item);
  const submit = async () => {
    if (!open) return;
    setError(null);
    try {
      await run(replica, state, actor, open, form, item);
      if (open === 'requestMaterials') setNotice({ materials: form.materials, reason: form.note.trim() });
      setOpen(null);
      setForm(blank);
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };
  const target = forwardTarget(state, actor, item);
  return (
    <section aria-label={ui.actions[lang]} className="actions">
      <h2>{ui.actions[lang]}</h2>
      {state.needsDecision && <ConflictPanel state={state} actor={actor} replica={replica} />}
      {!state.needsDecision && actions.length === 0 && <p>{ui.noActions[lang]}</p>}
      {!state.needsDecision && <div className="action-buttons">
        {actions.map((a) => <button key={a} type="button" onClick={() => { setOpen(a); setForm(blank); setError(null); }} aria-pressed={open === a}>{actionNames[a]?.[lang]}</button>)}
      </div>}
      {open && (
        <form className="action-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={actionNames[open]?.[lang]}>
          {open === 'forward' && target && <p>→ {levelNamesShort[target.toLevel][lang]} {regionName(target.toRegionCode, lang)} {departmentName(target.toDepartmentCode, lang)}</p>}
          {open === 'requestMaterials' && item?.materials.map((m) => (
            <label key={m.code} className="check"><input type="checkbox" checked={form.materials.includes(m.code)}
              onChange={(e) => setForm((f) => ({ ...f, materials: e.target.checked ? [...f.materials, m.code] : f.materials.filter((x) => x !== m.code) }))} />{m.name[lang]}</label>
          ))}
          {open === 'supply' && (
            <MaterialCapture replica={replica} materials={materialsToPhotograph(item, state.requestedMaterials)} value={form.photos}
              onChange={(photos) => setForm((f) => ({ ...f, photos }))} />
          )}
          {open === 'issue' && (
            <>
              <label>{ui.collectAt[lang]}
                <select value={form.place} onChange={(e) => setForm((f) => ({ ...f, place: Number(e.target.value) }))}>
                  {collectPlaces(state).map((p, i) => <option key={p.siteId} value={i}>{levelNamesShort[p.level][lang]} {regionName(p.regionCode, lang)}</option>)}
                </select>
              </label>
              <label>{ui.licenceNumber[lang]}<input value={form.licence} maxLength={64} onChange={(e) => setForm((f) => ({ ...f, licence: e.target.value }))} /></label>
            </>
          )}
          <label>{noteRequired.includes(open) ? ui.reason[lang] : ui.note[lang]}
            <textarea value={form.note} maxLength={1000} required={noteRequired.includes(open)} onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))} />
          </label>
          <button type="submit" disabled={(open === 'requestMaterials' && form.materials.length === 0) || (open === 'supply' && form.photos.length === 0)}>{ui.confirm[lang]}</button>
          <button type="button" onClick={() => setOpen(null)}>{ui.cancel[lang]}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
      {notice && <MaterialsNotice state={state} materials={notice.materials} reason={notice.reason} onClose={() => setNotice(null)} />}
    </section>
  );
}
