// 代办: a clerk (or the township window) applies on a villager's behalf with typed entry.
// With the hardware agent on this computer, a card on the reader fills name, number and address.
// The item's materials are photographed with the desk's camera or chosen from files (MaterialCapture).
import { useEffect, useState } from 'react';
import type { AgentClient } from '@onetrip/hardware/browser';
import { levelRank, type Actor, type BlobRef } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { todayInChina } from '../lib/deadlines';
import { toDeskError } from '../lib/desk-replica';
import { ui, useLang, type Bilingual } from '../lib/i18n';
import { useNames } from '../lib/names';
import { materialsToPhotograph } from '../lib/photos';
import { buildProxySubmission, fieldsFromCard, type ProxyInput } from '../lib/proxy-form';
import { MaterialCapture } from './MaterialCapture';

const empty: ProxyInput = { itemCode: '', name: '', idNumber: '', phone: '', address: '' };

export function ProxyApply({ actor, replica, agent, onDone }: { actor: Actor; replica: Replica; agent: AgentClient | null; onDone(caseId: string): void }) {
  const lang = useLang();
  const [input, setInput] = useState<ProxyInput>(empty);
  const [error, setError] = useState<Bilingual | null>(null);
  const [cardRead, setCardRead] = useState(false);
  const [photos, setPhotos] = useState<BlobRef[]>([]);
  const { catalogue, findItem } = useNames();
  useEffect(() => agent?.subscribe((event) => {
    if (event.event !== 'card') return;
    const fields = fieldsFromCard(event.data.identity as Record<string, unknown>);
    if (fields) { setInput((v) => ({ ...v, ...fields })); setCardRead(true); setError(null); }
    else setError({ zh: '无法读取这张证件，请重新放置或手工录入', en: 'This card cannot be read; place it again or type the details' });
  }), [agent]);
  const items = catalogue.filter((i) => levelRank(i.acceptLevel) <= levelRank(actor.level));
  const set = (k: keyof ProxyInput) => (e: { target: { value: string } }) => setInput((v) => ({ ...v, [k]: e.target.value }));
  const submit = async () => {
    setError(null);
    const siteId = actor.level === 'village' ? `site-${actor.regionCode}` : `site-${actor.regionCode}-centre`;
    const built = buildProxySubmission(input, { regionCode: actor.regionCode, siteId }, todayInChina(Date.now()), photos);
    if (!built.ok) { setError(built.message); return; }
    try {
      const state = await replica.commands.submitApplication(built.value);
      onDone(state.caseId);
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };
  return (
    <form className="proxy" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={ui.proxyTitle[lang]}>
      <h1>{ui.proxyTitle[lang]}</h1>
      <p className="reader" data-testid="reader-state">{agent
        ? (cardRead ? (lang === 'zh' ? '已读取身份证' : 'ID card read') : (lang === 'zh' ? '请将身份证放在读卡器上，或手工录入' : 'Place the ID card on the reader, or type the details'))
        : (lang === 'zh' ? '未连接读卡器：请手工录入' : 'No card reader: type the details')}</p>
      <label>{ui.item[lang]}
        <select value={input.itemCode} onChange={(e) => { set('itemCode')(e); setPhotos([]); }} required>
          <option value="">—</option>
          {items.map((i) => <option key={i.code} value={i.code}>{i.name[lang]}</option>)}
        </select>
      </label>
      <label>{ui.name[lang]}<input value={input.name} onChange={set('name')} required maxLength={50} /></label>
      <label>{ui.idNumber[lang]}<input value={input.idNumber} onChange={set('idNumber')} required maxLength={18} inputMode="numeric" /></label>
      <label>{ui.phone[lang]}<input value={input.phone} onChange={set('phone')} maxLength={20} inputMode="tel" /></label>
      <label>{ui.address[lang]}<input value={input.address} onChange={set('address')} maxLength={200} /></label>
      {input.itemCode && <MaterialCapture key={input.itemCode} replica={replica} materials={materialsToPhotograph(findItem(input.itemCode))} value={photos} onChange={setPhotos} />}
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
      <button type="submit">{ui.submit[lang]}</button>
    </form>
  );
}
