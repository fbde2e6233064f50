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

export type TicketChange = { id: string; patch: Partial<Pick<Ticket, 'status' | 'calledAt' | 'counter'>> };

/** Window numbers a desk may call to (窗口号). */
export const MAX_COUNTER = 99;
export const validCounter = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_COUNTER;

const calledTo = (nowIso: string, counter: number | undefined) => ({ calledAt: nowIso, ...(counter !== undefined ? { counter } : {}) });

/** The current ticket is served (or skipped), and the lowest waiting number is called (to `counter`, this desk's window). */
export function callNext(view: QueueView, nowIso: string, counter?: number, finish: 'served' | 'skipped' = 'served'): TicketChange[] {
  const changes: TicketChange[] = [];
  if (view.current) changes.push({ id: view.current.id, patch: { status: finish } });
  const next = view.waiting[0];
  if (next) changes.push({ id: next.id, patch: { status: 'called', ...calledTo(nowIso, counter) } });
  return changes;
}

/** Calls the current number again (the hall display shows and announces it anew). */
export function recall(view: QueueView, nowIso: string, counter?: number): TicketChange[] {
  return view.current ? [{ id: view.current.id, patch: calledTo(nowIso, counter) }] : [];
}

/** The person did not come: skip the current number and call the next. */
export function skip(view: QueueView, nowIso: string, counter?: number): TicketChange[] {
  return callNext(view, nowIso, counter, 'skipped');
}

/** How a number is shown and announced: A-prefixed, three digits. */
export const ticketLabel = (t: Pick<Ticket, 'number'>): string => `A${String(t.number).padStart(3, '0')}`;

/** What the hall display shows and says for a call: 「请 A012 号到 2 号窗口」 (without a window: 「请 A012 号到窗口办理」). */
export function announcement(label: string, counter?: number): { zh: string; en: string } {
  return counter !== undefined
    ? { zh: `请 ${label} 号到 ${counter} 号窗口`, en: `Number ${label}, please go to window ${counter}` }
    : { zh: `请 ${label} 号到窗口办理`, en: `Number ${label}, please come to the window` };
}

export interface VoiceLike { lang: string; name: string; localService?: boolean }

/**
 * The voice to announce with: a Chinese one (mainland first), or null when the platform has
 * voices but none speaks Chinese — then the hall stays silent rather than mispronounce. With
 * no voice list at all (some platforms load it late, or never), `'default'` lets the platform
 * choose; if it has nothing, the utterance fails quietly.
 */
export function chooseVoice<V extends VoiceLike>(voices: readonly V[]): V | 'default' | null {
  if (voices.length === 0) return 'default';
  const zh = voices.filter((v) => /^zh|^cmn/i.test(v.lang));
  return zh.find((v) => /^(zh|cmn)[-_](CN|Hans)/i.test(v.lang)) ?? zh[0] ?? null;
}
