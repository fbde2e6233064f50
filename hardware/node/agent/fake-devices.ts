// Stand-in reader and printer devices for agent tests that are about the agent itself
// (protocol, token, validation), not about a device's wire protocol.
import type { DeviceHealth } from '../../common/agent/health';
import { cardReadData, DEMO_CARDS, parseIdentity, type Identity } from '../../common/idcard';
import type { CardEvent, PrintedReceipt, PrinterStatusView } from '../../common/agent/protocol';
import { listeners } from '../scanner/transport';
import type { CardReaderDevice, PrinterDevice } from './devices';

function healthOf(id: string, kind: DeviceHealth['kind']): DeviceHealth {
  return { id, kind, state: 'simulated', simulated: true, lastError: null, lastErrorAt: null };
}

function demoIdentity(i: number): Identity {
  const parsed = parseIdentity(cardReadData(DEMO_CARDS[i % DEMO_CARDS.length]!));
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return parsed.value;
}

export function fakeReader(): CardReaderDevice & { placed: number } {
  const cards = listeners<[CardEvent]>();
  const removed = listeners<[]>();
  const health = listeners<[DeviceHealth]>();
  const dev = {
    id: 'idcard', kind: 'idcard' as const, placed: 0,
    start: async () => undefined, stop: async () => undefined,
    health: () => healthOf('idcard', 'idcard'), onHealth: health.add, onCard: cards.add, onRemoved: removed.add,
    demo: {
      place(card = 0) { dev.placed++; cards.emit({ readerId: 'idcard', identity: demoIdentity(card), at: new Date().toISOString() }); },
      lift() { removed.emit(); },
    },
  };
  return dev;
}

export function fakePrinter(): PrinterDevice & { jobs: unknown[] } {
  const statusL = listeners<[PrinterStatusView]>();
  const health = listeners<[DeviceHealth]>();
  let status: PrinterStatusView = { printerId: 'printer', ok: true, paper: 'ok', coverOpen: false, offline: false };
  const printed: PrintedReceipt[] = [];
  const jobs: unknown[] = [];
  return {
    id: 'printer', kind: 'printer', jobs,
    start: async () => undefined, stop: async () => undefined,
    health: () => ({ ...healthOf('printer', 'printer'), paper: status.paper === 'nearEnd' ? 'low' : status.paper, state: status.ok ? 'simulated' : 'degraded' }),
    onHealth: health.add, onStatus: statusL.add,
    status: async () => status,
    async print(doc) {
      jobs.push(doc);
      printed.push({ jobId: `job-${jobs.length}`, text: JSON.stringify(doc), bytes: 1 });
      return { jobId: `job-${jobs.length}`, state: 'printed' };
    },
    demo: {
      async set(s) {
        const paper = s.paper ?? (status.paper === 'unknown' ? 'ok' : status.paper);
        const coverOpen = s.coverOpen ?? status.coverOpen;
        status = { ...status, paper, coverOpen, ok: paper !== 'out' && !coverOpen };
        statusL.emit(status);
      },
      printed: () => printed,
    },
  };
}
