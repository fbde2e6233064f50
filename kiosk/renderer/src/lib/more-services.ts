// What the journeys other than applying need from outside React: the site's tickets, the cases
// this kiosk holds and the server's kiosk lookup, ratings, the agent's health and printer, and the
// host's maintenance PIN check. Built once in the composition root (live.tsx) next to
// KioskServices; screens get it injected.
import { Rating, Ticket, createIdFactory } from '@onetrip/domain';
import type { AgentApi, HealthReport as AgentHealth } from '@onetrip/hardware/common';
import type { Replica } from '@onetrip/replica';
import type { KioskRuntimeConfig } from '../../../common/bridge';
import type { PinResult } from '../../../common/pin-gate';
import type { CaseDoc, LookupDeps } from './lookup';
import { createServerLookup } from './server-lookup';
import type { TicketLike } from './ticket-number';

export interface MoreServices {
  device: { deviceId: string; siteId: string; regionCode: string };
  now(): Date;
  newId(): string;
  /** This site's tickets for one day (the kiosk replicates its site's tickets both ways). */
  ticketsOf(day: string): Promise<TicketLike[]>;
  addTicket(ticket: Ticket): Promise<void>;
  /** Local cases, the server's kiosk lookup, and the ratings made here (lib/lookup.ts). */
  lookup: LookupDeps;
  /**
   * 好差评 for a case: one `ratings` document whose id is the case id, pushed to the server like
   * every replicated write. The server keeps the first rating of a case (ratings are immutable,
   * so a second one with the same id is a conflict); a second one here is refused at once.
   */
  rateCase(target: { caseId: string; regionCode: string }, score: number, reasons: string[]): Promise<void>;
  health(): Promise<AgentHealth>;
  /** Asks the host whether a maintenance PIN is right (with its lockout); the PIN never reaches the renderer. */
  checkMaintenancePin(pin: string): Promise<PinResult>;
}

export interface MoreHost {
  checkMaintenancePin(pin: string): Promise<PinResult>;
  fetch?: typeof fetch;
}

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as Record<string, unknown>;

export const alreadyRated = () => ({ code: 'ALREADY_RATED', message: { zh: '该办件已评价，每件只能评价一次', en: 'This case has already been rated; each case is rated once' } });

export function createMoreServices(agent: AgentApi | null, replica: Replica, config: KioskRuntimeConfig, host: MoreHost): MoreServices | undefined {
  const device = config.device;
  if (!device) return undefined;
  const tickets = replica.collection('tickets');
  const cases = replica.collection('cases');
  const ratings = replica.collection('ratings');
  const noAgent = () => Promise.reject({ code: 'AGENT_NOT_CONNECTED', message: { zh: '硬件服务未连接，请检查硬件代理', en: 'The hardware agent is not connected; check the agent' } });
  return {
    device: { deviceId: device.deviceId, siteId: device.siteId, regionCode: device.regionCode },
    now: () => new Date(),
    newId: createIdFactory({ deviceId: device.deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) }),
    ticketsOf: async (day) => (await tickets.find({ selector: { siteId: device.siteId, day } }).exec()).map((d) => plain(d) as unknown as TicketLike),
    addTicket: async (ticket) => { await tickets.insert({ ...Ticket.parse(ticket), pendingPush: true }); },
    lookup: {
      findCase: async (caseId) => { const d = await cases.findOne(caseId).exec(); return d ? plain(d) as unknown as CaseDoc : null; },
      allCases: async () => (await cases.find().exec()).map((d) => plain(d) as unknown as CaseDoc),
      askServer: createServerLookup({ serverUrl: config.serverUrl, token: device.token, fetch: host.fetch ?? ((...args) => fetch(...args)) }),
      ratedHere: async (caseIds) => new Set((await ratings.findByIds([...caseIds]).exec()).keys()),
    },
    rateCase: async (target, score, reasons) => {
      if (await ratings.findOne(target.caseId).exec()) throw alreadyRated();
      const doc = Rating.parse({ id: target.caseId, caseId: target.caseId, regionCode: target.regionCode, score, reasons, createdAt: new Date().toISOString(), deviceId: device.deviceId });
      try { await ratings.insert({ ...doc, pendingPush: true }); } catch (err) {
        if ((err as { code?: unknown }).code === 'CONFLICT') throw alreadyRated();
        throw err;
      }
    },
    health: () => (agent ? agent.health() : noAgent()),
    checkMaintenancePin: host.checkMaintenancePin,
  };
}

/** Any thrown error as the bilingual words a screen shows. */
export function errorText(err: unknown, fallback: { zh: string; en: string }): { zh: string; en: string } {
  const e = err as { message?: unknown; bilingual?: unknown } | null;
  const pickPair = (v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { zh?: unknown }).zh === 'string' ? v as { zh: string; en: string } : null);
  return pickPair(e?.bilingual) ?? pickPair(e?.message) ?? fallback;
}
