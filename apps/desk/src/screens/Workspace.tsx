// One workspace per role: the header says who and where (scope), whether the replica is online
// and what waits to be sent; the body is the inbox, a case, or the proxy application form.
import { useState } from 'react';
import type { Replica } from '@onetrip/replica';
import type { AgentClient } from '@onetrip/hardware/browser';
import type { DeskSession } from '../lib/auth';
import { actorOf } from '../lib/desk-replica';
import { deadlineSummary } from '../lib/deadlines';
import { fill, ui, useLang, type Bilingual } from '../lib/i18n';
import { departmentName, NamesContext } from '../lib/names';
import { useCases } from '../hooks/useCases';
import { useIdleSignOut } from '../hooks/useIdleSignOut';
import { useNow } from '../hooks/useNow';
import { useReplicaStatus } from '../hooks/useReplicaStatus';
import { useSyncedNames } from '../hooks/useSyncedNames';
import { CasePage } from './CasePage';
import { Inbox } from './Inbox';
import { ProxyApply } from './ProxyApply';
import { Queue } from './Queue';

const workspaceNames: Record<string, Bilingual> = {
  villageClerk: { zh: '村代办员工作台', en: 'Village clerk workspace' },
  townshipStaff: { zh: '乡镇一窗受理', en: 'Township one-window desk' },
  cityReviewer: { zh: '市直部门审批', en: 'City department review' },
};

type View = { kind: 'inbox' } | { kind: 'case'; caseId: string } | { kind: 'proxy' } | { kind: 'queue' };

export function Workspace({ session, replica, agent, onSignOut, onToggleLang }: { session: DeskSession; replica: Replica; agent: AgentClient | null; onSignOut(): void; onToggleLang(): void }) {
  const lang = useLang();
  const [view, setView] = useState<View>({ kind: 'inbox' });
  const cases = useCases(replica);
  const status = useReplicaStatus(replica);
  const now = useNow();
  const names = useSyncedNames(replica);
  useIdleSignOut(onSignOut);
  const actor = actorOf(session);
  const counts = deadlineSummary(cases, now);
  const where = [names.regionName(session.user.regionCode, lang), departmentName(session.user.departmentCode, lang)].filter(Boolean).join(' · ');
  const selected = view.kind === 'case' ? cases.find((c) => c.caseId === view.caseId) : undefined;

  return (
    <NamesContext.Provider value={names}>
    <div className="workspace" data-role={session.user.role}>
      <header>
        <h1>{workspaceNames[session.user.role]?.[lang]}</h1>
        <span className="who" data-testid="who">{session.user.displayName} · {where}</span>
        <span className={`sync ${status?.online ? 'on' : 'off'}`} role="status" data-testid="sync-status">
          {status?.online ? ui.online[lang] : ui.offline[lang]}
          {status && status.pendingDocuments > 0 ? ` · ${fill(ui.pending[lang], { n: status.pendingDocuments })}` : ''}
        </span>
        {counts.overdue > 0 && <span className="badge overdue">{fill(ui.overdueCount[lang], { n: counts.overdue })}</span>}
        {counts.warning > 0 && <span className="badge warning">{fill(ui.warningCount[lang], { n: counts.warning })}</span>}
        <nav>
          <button type="button" onClick={() => setView({ kind: 'inbox' })} aria-current={view.kind === 'inbox'}>{ui.inbox[lang]}</button>
          {session.user.role !== 'cityReviewer' && <button type="button" onClick={() => setView({ kind: 'proxy' })} aria-current={view.kind === 'proxy'}>{ui.proxyApply[lang]}</button>}
          {session.user.role !== 'cityReviewer' && <button type="button" onClick={() => setView({ kind: 'queue' })} aria-current={view.kind === 'queue'}>{ui.queue[lang]}</button>}
          <button type="button" onClick={onToggleLang}>{ui.switchLang[lang]}</button>
          <button type="button" onClick={onSignOut}>{ui.signOut[lang]}</button>
        </nav>
      </header>
      {session.mode === 'offline' && <p className="notice" role="note">{ui.offlineSignedIn[lang]}</p>}
      <main>
        {view.kind === 'inbox' && <Inbox cases={cases} now={now} onOpen={(caseId) => setView({ kind: 'case', caseId })} />}
        {view.kind === 'case' && <CasePage state={selected} caseId={view.caseId} actor={actor} replica={replica} onBack={() => setView({ kind: 'inbox' })} now={now} />}
        {view.kind === 'queue' && <Queue replica={replica} regionCode={session.user.regionCode} />}
        {view.kind === 'proxy' && <ProxyApply actor={actor} replica={replica} agent={agent} onDone={(caseId) => setView({ kind: 'case', caseId })} />}
      </main>
    </div>
    </NamesContext.Provider>
  );
}
