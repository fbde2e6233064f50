// What the journeys other than applying need from outside React: the site's tickets, the cases
// this kiosk holds, the rateCase command, the agent's health and printer, the maintenance PIN.
// Built once in the composition root (bootstrap.ts) next to KioskServices; screens get it injected.
import { Ticket, createIdFactory } from '@onetrip/domain';
import type { AgentApi, HealthReport as AgentHealth } from '@onetrip/hardware/common';
import type { Replica } from '@onetrip/replica';
import type { KioskRuntimeConfig } from '../../../common/bridge';
import type { CaseDoc } from './lookup';
import type { TicketLike } from './ticket-number';

export interface MoreServices {
  device: { deviceId: string; siteId: string; regionCode: string };
  now(): Date;
  newId(): string;
  /** This site's tickets for one day (the kiosk replicates its site's tickets both ways). */
  ticketsOf(day: string): Promise<TicketLike[]>;
  addTicket(ticket: Ticket): Promise<void>;
  findCase(caseId: string): Promise<CaseDoc | null>;
  allCases(): Promise<CaseDoc[]>;
  rateCase(caseId: string, score: number, reasons: string[]): Promise<void>;
  health(): Promise<AgentHealth>;
  /** The staff PIN for maintenance mode, or null when none is configured (maintenance stays shut). */
  maintenancePin: string | null;
}

/** Where the PIN comes from: the runtime config's `maintenancePin` (web mode /config.json, Electron IPC). */
export function maintenancePinOf(config: KioskRuntimeConfig): string | null {
  const pin = (config as { maintenancePin?: unknown }).maintenancePin;
  return typeof pin === 'string' && /^\d{4,12}$/.test(pin) ? pin : null;
}

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as Record<string, unknown>;

export function createMoreServices(agent: AgentApi | null, replica: Replica, config: KioskRuntimeConfig): MoreServices | undefined {
  const device = config.device;
  if (!device) return undefined;
  const tickets = replica.collection('tickets');
  const cases = replica.collection('cases');
  const noAgent = () => Promise.reject({ code: 'AGENT_NOT_CONNECTED', message: { zh: '硬件服务未连接，请检查硬件代理', en: 'The hardware agent is not connected; check the agent' } });
  return {
    device: { deviceId: device.deviceId, siteId: device.siteId, regionCode: device.regionCode },
    now: () => new Date(),
    newId: createIdFactory({ deviceId: device.deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) }),
    ticketsOf: async (day) => (await tickets.find({ selector: { siteId: device.siteId, day } }).exec()).map((d) => plain(d) as unknown as TicketLike),
    addTicket: async (ticket) => { await tickets.insert({ ...Ticket.parse(ticket), pendingPush: true }); },
    findCase: async (caseId) => { const d = await cases.findOne(caseId).exec(); return d ? plain(d) as unknown as CaseDoc : null; },
    allCases: async () => (await cases.find().exec()).map((d) => plain(d) as unknown as CaseDoc),
    rateCase: async (caseId, score, reasons) => { await replica.commands.rateCase(caseId, score, reasons); },
    health: () => (agent ? agent.health() : noAgent()),
    maintenancePin: maintenancePinOf(config),
  };
}

/** Any thrown error as the bilingual words a screen shows. */
export function errorText(err: unknown, fallback: { zh: string; en: string }): { zh: string; en: string } {
  const e = err as { message?: unknown; bilingual?: unknown } | null;
  const pickPair = (v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { zh?: unknown }).zh === 'string' ? v as { zh: string; en: string } : null);
  return pickPair(e?.bilingual) ?? pickPair(e?.message) ?? fallback;
}
