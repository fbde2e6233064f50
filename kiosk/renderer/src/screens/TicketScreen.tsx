// 取号: one tap gives a queue number for this site's desks, stored in the replica's `tickets`
// (synced with the desks when online) and printed as a queue ticket.
import { useState } from 'react';
import type { Site, Ticket } from '@onetrip/domain';
import type { QueueTicket } from '@onetrip/hardware/common';
import { chinaIso } from '../lib/documents';
import type { Lang } from '../lib/i18n';
import { errorText, type MoreServices } from '../lib/more-services';
import { tm } from '../lib/more-text';
import { nextTicketNumber, ticketDay, ticketLabel, waitingAhead } from '../lib/ticket-number';
import type { KioskServices } from '../journey/services';

type Taken = { label: string; ahead: number; printed: boolean };

/** Makes, stores and prints one ticket; the number is this device's next in its block for today. */
export async function takeTicket(more: MoreServices, services: KioskServices, site: Site): Promise<Taken> {
  const now = more.now();
  const day = ticketDay(now);
  const tickets = await more.ticketsOf(day);
  const number = nextTicketNumber(tickets, more.device, day);
  const ticket: Ticket = {
    id: more.newId(), siteId: site.id, regionCode: site.regionCode, day, number, status: 'waiting',
    createdAt: now.toISOString(), deviceId: more.device.deviceId,
  };
  await more.addTicket(ticket);
  const ahead = waitingAhead(tickets, site.id, day);
  const document: QueueTicket = { kind: 'queueTicket', siteName: site.name, ticketNumber: ticketLabel(number), waitingAhead: ahead, issuedAt: chinaIso(now) };
  const printed = await services.print(document).then((o) => o.state === 'printed', () => false);
  return { label: ticketLabel(number), ahead, printed };
}

export function TicketScreen({ lang, site, services, more }: { lang: Lang; site: Site; services: KioskServices; more: MoreServices }) {
  const [taken, setTaken] = useState<Taken | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const take = async () => {
    setBusy(true);
    try { setTaken(await takeTicket(more, services, site)); setProblem(null); }
    catch (err) { setProblem(errorText(err, { zh: '取号失败，请到窗口取号', en: 'Could not give a number; please take one at a desk' })); }
    finally { setBusy(false); }
  };
  return (
    <main className="ticket">
      <h2>{tm('takeTicket', lang)}</h2>
      {!taken && <p>{tm('takeTicketHint', lang)}</p>}
      {!taken && <button type="button" className="primary big" disabled={busy} onClick={() => void take()}>{tm('ticketNow', lang)}</button>}
      {taken && (
        <>
          <p>{tm('yourNumber', lang)}</p>
          <p className="ticket-number" data-testid="ticket-number">{taken.label}</p>
          <p>{tm('waitingAhead', lang, { n: taken.ahead })}</p>
          <p role={taken.printed ? 'status' : 'alert'}>{taken.printed ? tm('ticketPrinted', lang) : tm('ticketNotPrinted', lang)}</p>
        </>
      )}
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
    </main>
  );
}
