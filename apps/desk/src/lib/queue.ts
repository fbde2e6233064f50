// Queue calling (叫号) for a site's tickets, pure: which ticket is being served, which waits next,
// and the changes that "call next", "recall" and "skip" make. The desk writes the changes to the
// replicated `tickets` collection; the hall display shows what was called.
import type { Ticket } from '@onetrip/domain';

export interface QueueView {
  current: Ticket | null;
  waiting: Ticket[];
  /** Called tickets, latest first (for the hall display). */
  recent: Ticket[];
}

export function queueOf(tickets: readonly Ticket[], siteId: string, day: string): QueueView {
  const site = tickets.filter((t) => t.siteId === siteId && t.day === day);
  const called = site.filter((t) => t.status === 'called' || t.status === 'served')
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '') || b.number - a.number);
  const current = site.filter((t) => t.status === 'called').sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''))[0] ?? null;
  const waiting = site.filter((t) => t.status === 'waiting').sort((a, b) => a.number - b.number);
  return { current, waiting, recent: called.slice(0, 6) };
}

export type TicketChange = { id: string; patch: Partial<Pick<Ticket, 'status' | 'calledAt'>> };

/** The current ticket is served (or skipped), and the lowest waiting number is called. */
export function callNext(view: QueueView, nowIso: string, finish: 'served' | 'skipped' = 'served'): TicketChange[] {
  const changes: TicketChange[] = [];
  if (view.current) changes.push({ id: view.current.id, patch: { status: finish } });
  const next = view.waiting[0];
  if (next) changes.push({ id: next.id, patch: { status: 'called', calledAt: nowIso } });
  return changes;
}

/** Calls the current number again (the hall display shows it anew). */
export function recall(view: QueueView, nowIso: string): TicketChange[] {
  return view.current ? [{ id: view.current.id, patch: { calledAt: nowIso } }] : [];
}

/** The person did not come: skip the current number and call the next. */
export function skip(view: QueueView, nowIso: string): TicketChange[] {
  return callNext(view, nowIso, 'skipped');
}

/** How a number is shown and announced: A-prefixed, three digits. */
export const ticketLabel = (t: Pick<Ticket, 'number'>): string => `A${String(t.number).padStart(3, '0')}`;
