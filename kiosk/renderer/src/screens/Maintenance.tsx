// 维护模式: behind the maintenance PIN (checked by the host, with lockout), staff see the devices' health, print a
// test slip and test the card reader — which shows only the masked number of the card it read.
import { useEffect, useState } from 'react';
import { maskIdNumber } from '@onetrip/domain';
import type { HealthReport } from '@onetrip/hardware/common';
import type { KioskServices } from '../journey/services';
import { chinaIso } from '../lib/documents';
import type { Lang } from '../lib/i18n';
import { errorText, type MoreServices } from '../lib/more-services';
import { tm } from '../lib/more-text';

/** The host checks the PIN and keeps the lockout count (common/pin-gate.ts); the page only sends what was typed. */
function PinEntry({ lang, more, onOpen }: { lang: Lang; more: MoreServices; onOpen: () => void }) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const submit = () => {
    const typed = pin;
    setPin(''); setBusy(true);
    more.checkMaintenancePin(typed)
      .then((r) => { if (r.ok) onOpen(); else setProblem(r.message); },
        (err: unknown) => setProblem(errorText(err, { zh: '无法核对维护密码', en: 'The PIN could not be checked' })))
      .finally(() => setBusy(false));
  };
  return (
    <form className="pin" onSubmit={(e) => { e.preventDefault(); if (!busy) submit(); }}>
      <label htmlFor="maintenance-pin">{tm('pin', lang)}</label>
      <input id="maintenance-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={pin} onChange={(e) => setPin(e.target.value)} />
      <button type="submit" className="primary">{tm('enter', lang)}</button>
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
    </form>
  );
}

function HealthTable({ lang, report }: { lang: Lang; report: HealthReport }) {
  return (
    <table className="health">
      <tbody>
        {report.devices.map((d) => (
          <tr key={d.id} data-testid="device-row">
            <td>{d.kind}</td><td>{d.id}</td><td className={`state-${d.state}`}>{d.state}</td>
            <td>{d.paper ?? ''}</td><td>{d.lastError ? d.lastError.message[lang] : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StaffPanel({ lang, services, more }: { lang: Lang; services: KioskServices; more: MoreServices }) {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [waitingCard, setWaitingCard] = useState(false);
  const fail = (err: unknown) => setNote(tm('failed', lang, { why: errorText(err, { zh: '未知错误', en: 'unknown error' })[lang] }));
  const refresh = () => { more.health().then(setReport, fail); };
  useEffect(() => { more.health().then(setReport, () => undefined); }, [more]);
  useEffect(() => {
    if (!waitingCard) return;
    return services.subscribe((event) => {
      if (event.event !== 'card') return;
      const id = event.data.identity as { idNumber?: unknown };
      setNote(tm('readerRead', lang, { id: typeof id.idNumber === 'string' ? maskIdNumber(id.idNumber) : '?' }));
      setWaitingCard(false);
    });
  }, [waitingCard, services, lang]);
  const printTest = () => {
    const doc = { kind: 'queueTicket', siteName: '打印测试 / printer test', ticketNumber: '0', waitingAhead: 0, issuedAt: chinaIso(more.now()) };
    services.print(doc).then((o) => setNote(o.state === 'printed' ? tm('testPrinted', lang) : tm('testQueued', lang)), fail);
  };
  return (
    <>
      <h3>{tm('deviceHealth', lang)}</h3>
      {report && <HealthTable lang={lang} report={report} />}
      <div className="actions">
        <button type="button" onClick={refresh}>{tm('refresh', lang)}</button>
        <button type="button" onClick={printTest}>{tm('printerTest', lang)}</button>
        <button type="button" onClick={() => { setNote(tm('readerWaiting', lang)); setWaitingCard(true); }}>{tm('readerTest', lang)}</button>
      </div>
      {note && <p role="status" data-testid="maintenance-note">{note}</p>}
    </>
  );
}

export function Maintenance({ lang, services, more, onExit }: { lang: Lang; services: KioskServices; more: MoreServices; onExit: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <main className="maintenance">
      <h2>{tm('staffTitle', lang)}</h2>
      {open ? <StaffPanel lang={lang} services={services} more={more} /> : <PinEntry lang={lang} more={more} onOpen={() => setOpen(true)} />}
      <button type="button" onClick={onExit}>{tm('exit', lang)}</button>
    </main>
  );
}
