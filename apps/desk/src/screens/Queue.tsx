// 叫号: call next, recall, skip for one site's tickets today. Each change is a write to the
// replicated `tickets` collection (offline too) and a message to the hall display on this
// computer's other screen (BroadcastChannel `onetrip-hall`, same origin).
import { useEffect, useMemo, useState } from 'react';
import { demoRegions } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { todayInChina } from '../lib/deadlines';
import { toDeskError } from '../lib/desk-replica';
import { fill, useLang, type Bilingual } from '../lib/i18n';
import { callNext, queueOf, recall, skip, ticketLabel, type TicketChange } from '../lib/queue';
import { useTickets } from '../hooks/useTickets';

const text = {
  title: { zh: '叫号', en: 'Queue' }, site: { zh: '服务点', en: 'Site' }, current: { zh: '当前号', en: 'Now serving' },
  next: { zh: '叫下一位', en: 'Call next' }, recall: { zh: '重呼', en: 'Recall' }, skip: { zh: '过号', en: 'Skip' },
  waiting: { zh: '等候 {n} 人', en: '{n} waiting' }, hall: { zh: '打开大厅显示屏', en: 'Open the hall display' }, none: { zh: '—', en: '—' },
};

export const HALL_CHANNEL = 'onetrip-hall';

export function Queue({ replica, regionCode }: { replica: Replica; regionCode: string }) {
  const lang = useLang();
  const tickets = useTickets(replica);
  const sites = useMemo(() => demoRegions.filter((r) => r.code === regionCode || r.parentCode === regionCode).flatMap((r) => r.sites), [regionCode]);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [error, setError] = useState<Bilingual | null>(null);
  const view = queueOf(tickets, siteId, todayInChina(Date.now()));
  const channel = useMemo(() => new BroadcastChannel(HALL_CHANNEL), []);
  useEffect(() => () => channel.close(), [channel]);
  useEffect(() => { channel.postMessage({ siteId, recent: view.recent.map((t) => ({ label: ticketLabel(t), calledAt: t.calledAt })) }); }, [channel, siteId, view.recent]);

  const apply = async (changes: TicketChange[]) => {
    setError(null);
    try {
      const collection = replica.collection('tickets');
      for (const c of changes) {
        const doc = await collection.findOne(c.id).exec();
        await doc?.incrementalPatch({ ...c.patch, pendingPush: true });
      }
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };
  const now = () => new Date().toISOString();
  return (
    <section className="queue" aria-label={text.title[lang]}>
      <h1>{text.title[lang]}</h1>
      <label>{text.site[lang]}
        <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          {sites.map((s) => <option key={s.id} value={s.id}>{lang === 'zh' ? s.name : s.nameEn}</option>)}
        </select>
      </label>
      <p className="current">{text.current[lang]}: <strong data-testid="queue-current">{view.current ? ticketLabel(view.current) : text.none[lang]}</strong></p>
      <p>{fill(text.waiting[lang], { n: view.waiting.length })}</p>
      <div className="action-buttons">
        <button type="button" onClick={() => void apply(callNext(view, now()))} disabled={!view.current && view.waiting.length === 0}>{text.next[lang]}</button>
        <button type="button" onClick={() => void apply(recall(view, now()))} disabled={!view.current}>{text.recall[lang]}</button>
        <button type="button" onClick={() => void apply(skip(view, now()))} disabled={!view.current}>{text.skip[lang]}</button>
        <a href="./hall" target="onetrip-hall">{text.hall[lang]}</a>
      </div>
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
    </section>
  );
}
