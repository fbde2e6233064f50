// 叫号: call next, recall, skip for one site's tickets today, to this desk's window (窗口号).
// Each change is a write to the replicated `tickets` collection (offline too) and a message to
// the hall display on this computer's other screen (BroadcastChannel `onetrip-hall`, same origin).
import { useEffect, useMemo, useState } from 'react';
import type { Ticket } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { todayInChina } from '../lib/deadlines';
import { toDeskError } from '../lib/desk-replica';
import { fill, useLang, type Bilingual } from '../lib/i18n';
import { useNames } from '../lib/names';
import { callNext, MAX_COUNTER, queueOf, recall, skip, ticketLabel, validCounter, type TicketChange } from '../lib/queue';
import { useTickets } from '../hooks/useTickets';
import { HALL_CHANNEL, type HallCall, type HallMessage } from './hall-channel';

const text = {
  title: { zh: '叫号', en: 'Queue' }, site: { zh: '服务点', en: 'Site' }, current: { zh: '当前号', en: 'Now serving' },
  counter: { zh: '本窗口号', en: 'This window' },
  next: { zh: '叫下一位', en: 'Call next' }, recall: { zh: '重呼', en: 'Recall' }, skip: { zh: '过号', en: 'Skip' },
  waiting: { zh: '等候 {n} 人', en: '{n} waiting' }, hall: { zh: '打开大厅显示屏', en: 'Open the hall display' }, none: { zh: '—', en: '—' },
};

const COUNTER_KEY = 'onetrip-desk.counter';

function storedCounter(): number {
  const n = Number(localStorage.getItem(COUNTER_KEY) ?? '1');
  return validCounter(n) ? n : 1;
}

export function Queue({ replica, regionCode }: { replica: Replica; regionCode: string }) {
  const lang = useLang();
  const { sitesIn } = useNames();
  const tickets = useTickets(replica);
  const sites = useMemo(() => sitesIn(regionCode), [sitesIn, regionCode]);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [counter, setCounter] = useState(storedCounter);
  const [error, setError] = useState<Bilingual | null>(null);
  const view = queueOf(tickets, siteId, todayInChina(Date.now()));
  const channel = useMemo(() => new BroadcastChannel(HALL_CHANNEL), []);
  useEffect(() => () => channel.close(), [channel]);
  useEffect(() => {
    const call = (t: Ticket): HallCall => ({ label: ticketLabel(t), ...(t.calledAt ? { calledAt: t.calledAt } : {}), ...(t.counter ? { counter: t.counter } : {}) });
    const message: HallMessage = { kind: 'calls', siteId, current: view.current ? call(view.current) : null, recent: view.recent.map(call) };
    channel.postMessage(message);
    // a hall display opened later asks for what is on now
    channel.onmessage = (e: MessageEvent<HallMessage>) => { if (e.data?.kind === 'hello') channel.postMessage(message); };
  }, [channel, siteId, view.current, view.recent]);

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
  const changeCounter = (value: string) => {
    const n = Number(value);
    if (!validCounter(n)) return;
    setCounter(n);
    localStorage.setItem(COUNTER_KEY, String(n));
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
      <label>{text.counter[lang]}
        <input type="number" min={1} max={MAX_COUNTER} value={counter} onChange={(e) => changeCounter(e.target.value)} />
      </label>
      <p className="current">{text.current[lang]}: <strong data-testid="queue-current">{view.current ? ticketLabel(view.current) : text.none[lang]}</strong></p>
      <p>{fill(text.waiting[lang], { n: view.waiting.length })}</p>
      <div className="action-buttons">
        <button type="button" onClick={() => void apply(callNext(view, now(), counter))} disabled={!view.current && view.waiting.length === 0}>{text.next[lang]}</button>
        <button type="button" onClick={() => void apply(recall(view, now(), counter))} disabled={!view.current}>{text.recall[lang]}</button>
        <button type="button" onClick={() => void apply(skip(view, now(), counter))} disabled={!view.current}>{text.skip[lang]}</button>
        <a href="./hall" target="onetrip-hall">{text.hall[lang]}</a>
      </div>
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
    </section>
  );
}
