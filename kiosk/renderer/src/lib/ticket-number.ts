// Queue numbers (取号) made on a kiosk, possibly offline. Desks at the same site number their
// tickets too, and two offline devices cannot ask each other for "the next number". So every
// device numbers inside its own block of a thousand: block 0 (1–999) is the desks', blocks
// 1–9 belong to devices that print tickets. A kiosk's block is derived from its device id and
// moves to the next free block when another device already uses that one today at this site
// (the kiosk holds its site's tickets). Within its block the kiosk counts only its own tickets,
// so the number never depends on what has synced: offline or online, the same tickets give the
// same next number. The printed form puts the block as a letter: 3007 prints as "C007".
import { chinaDateOf } from '@onetrip/domain';

export const BLOCK_SIZE = 1000;
export const DEVICE_BLOCKS = 9;

export interface TicketLike { siteId: string; day: string; number: number; deviceId?: string; status?: string }

export class TicketError extends Error {
  constructor(readonly code: 'TICKETS_EXHAUSTED', readonly bilingual: { zh: string; en: string }) { super(bilingual.en); }
}

/** FNV-1a over the id's characters: a stable, well-spread small hash (no crypto needed here). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

const blockOf = (n: number): number => Math.floor(n / BLOCK_SIZE);

/** The block this device numbers in today: its preferred block, or the next one no other device uses. */
export function deviceBlock(deviceId: string, usedByOthers: ReadonlySet<number>): number {
  const preferred = (hash(deviceId) % DEVICE_BLOCKS) + 1;
  for (let i = 0; i < DEVICE_BLOCKS; i++) {
    const block = ((preferred - 1 + i) % DEVICE_BLOCKS) + 1;
    if (!usedByOthers.has(block)) return block;
  }
  return preferred;
}

/** The next ticket number for this device at this site on this day (China time). */
export function nextTicketNumber(tickets: readonly TicketLike[], me: { deviceId: string; siteId: string }, day: string): number {
  const today = tickets.filter((t) => t.siteId === me.siteId && t.day === day);
  const mine = today.filter((t) => t.deviceId === me.deviceId && blockOf(t.number) >= 1);
  const others = new Set(today.filter((t) => t.deviceId !== me.deviceId).map((t) => blockOf(t.number)).filter((b) => b >= 1));
  // keep the block already used today, so a later sync of another device cannot move us mid-day
  const block = mine.length > 0 ? blockOf(Math.max(...mine.map((t) => t.number))) : deviceBlock(me.deviceId, others);
  const inBlock = mine.filter((t) => blockOf(t.number) === block).map((t) => t.number % BLOCK_SIZE);
  const seq = (inBlock.length > 0 ? Math.max(...inBlock) : 0) + 1;
  if (seq >= BLOCK_SIZE) {
    throw new TicketError('TICKETS_EXHAUSTED', { zh: '今天本机的号已取完，请到窗口取号', en: "This kiosk has given out all of today's numbers; please take one at a desk" });
  }
  return block * BLOCK_SIZE + seq;
}

/** The printed and displayed form: desk numbers as they are, device numbers as letter + 3 digits. */
export function ticketLabel(number: number): string {
  const block = blockOf(number);
  if (block === 0) return String(number);
  return `${String.fromCharCode(64 + block)}${String(number % BLOCK_SIZE).padStart(3, '0')}`;
}

/** Tickets still waiting ahead of a new one at this site today. */
export function waitingAhead(tickets: readonly TicketLike[], siteId: string, day: string): number {
  return tickets.filter((t) => t.siteId === siteId && t.day === day && t.status === 'waiting').length;
}

/** The ticket day: the calendar day in China Standard Time. */
export const ticketDay = (now: Date): string => chinaDateOf(now.toISOString());
