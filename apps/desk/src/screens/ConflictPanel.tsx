// A case that needs a decision: two offline steps disagree. Both sides are shown; the level
// the permission table allows (township, city) keeps one and overrules the other.
import { useState } from 'react';
import { conflictToDecide, type Actor, type CaseState } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { availableActions } from '../lib/actions';
import { toDeskError } from '../lib/desk-replica';
import { eventNames, levelNamesShort, ui, useLang, type Bilingual } from '../lib/i18n';
import { useNames } from '../lib/names';

export function ConflictPanel({ state, actor, replica }: { state: CaseState; actor: Actor; replica: Replica }) {
  const lang = useLang();
  const { findItem } = useNames();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Bilingual | null>(null);
  const conflict = conflictToDecide(state);
  if (!conflict) return null;
  const mayResolve = availableActions(state, actor, findItem(state.itemCode)).includes('resolve');
  const choose = async (chosen: string) => {
    setError(null);
    try {
      await replica.commands.resolveDecision(state.caseId, chosen, conflict.eventIds.filter((id) => id !== chosen), note.trim() || (lang === 'zh' ? '冲突处理' : 'conflict resolved'));
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };
  return (
    <div className="conflict" role="group" aria-label={ui.conflictTitle[lang]}>
      <h3>{ui.conflictTitle[lang]}</h3>
      <ul>
        {conflict.eventIds.map((id) => {
          const h = state.history.find((e) => e.eventId === id);
          return (
            <li key={id} data-event-id={id}>
              <strong>{h ? eventNames[h.type]?.[lang] : id}</strong> — {h ? `${levelNamesShort[h.level][lang]} ${h.actorId} · ${new Date(h.at).toLocaleString('zh-CN')}` : ''}
              {mayResolve && <button type="button" onClick={() => void choose(id)}>{ui.chooseSide[lang]}: {h ? eventNames[h.type]?.[lang] : ''}</button>}
            </li>
          );
        })}
      </ul>
      {mayResolve && <label>{ui.note[lang]}<input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} /></label>}
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
    </div>
  );
}
