// The hardware agent: owns every configured device and serves one typed API (AgentApi).
// Transport-neutral: the WebSocket server and the Electron IPC adapter both call into this.
import { agentError, AgentFailure } from '../../common/agent/errors';
import type { AgentApi } from '../../common/agent/api';
import type { DeviceHealth, HealthReport } from '../../common/agent/health';
import type { AgentEvent, Params, PrinterStatusView } from '../../common/agent/protocol';
import { listeners } from '../scanner/transport';
import type { AgentConfig } from './config';
import type { DeviceSet, ManagedDevice } from './devices';
import { buildDevices } from './build-devices';

export interface Agent extends AgentApi {
  readonly config: AgentConfig;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Devices and their simulator ports, for the start-up banner. */
  devices(): ManagedDevice[];
}

export interface AgentOptions {
  /** Build the device set; tests pass fakes. Default: drivers and simulators from the config. */
  buildDevices?: (config: AgentConfig) => Promise<DeviceSet>;
  now?: () => Date;
}

const unavailable = () => new AgentFailure(agentError('AGENT_UNAVAILABLE'));

export function createAgent(config: AgentConfig, options: AgentOptions = {}): Agent {
  const now = options.now ?? (() => new Date());
  const events = listeners<[AgentEvent]>();
  const startedAt = now().toISOString();
  let set: DeviceSet | undefined;
  const offs: (() => void)[] = [];

  const all = (): ManagedDevice[] => (set ? [set.idcard, set.printer, ...set.scanners].filter((d): d is NonNullable<typeof d> => Boolean(d)) : []);
  const need = <T>(device: T | undefined): T => {
    if (!set) throw unavailable();
    if (!device) throw new AgentFailure(agentError('NO_DEVICE'));
    return device;
  };
  const demoOnly = <T>(demo: T | undefined): T => {
    if (!config.demo || !demo) throw new AgentFailure(agentError('NOT_DEMO'));
    return demo;
  };
  const emit = (e: AgentEvent) => events.emit(e);

  function wire(s: DeviceSet) {
    for (const d of all()) offs.push(d.onHealth((h: DeviceHealth) => emit({ event: 'health', data: h })));
    if (s.idcard) {
      offs.push(s.idcard.onCard((c) => emit({ event: 'card', data: c })));
      const readerId = s.idcard.id;
      offs.push(s.idcard.onRemoved(() => emit({ event: 'cardRemoved', data: { readerId } })));
    }
    if (s.printer) offs.push(s.printer.onStatus((st: PrinterStatusView) => emit({ event: 'printerStatus', data: st })));
    for (const sc of s.scanners) offs.push(sc.onScan((data) => emit({ event: 'scan', data })));
  }

  return {
    config,
    devices: all,
    subscribe: events.add,
    async start() {
      if (set) return;
      const s = await (options.buildDevices ?? buildDevices)(config);
      set = s;
      wire(s);
      await Promise.all(all().map((d) => d.start()));
    },
    async stop() {
      offs.splice(0).forEach((off) => off());
      const devices = all();
      set = undefined;
      await Promise.allSettled(devices.map((d) => d.stop()));
    },
    async health(): Promise<HealthReport> {
      if (!set) throw unavailable();
      return { demo: config.demo, startedAt, devices: all().map((d) => d.health()) };
    },
    printerStatus: async () => need(set?.printer).status(),
    print: async (p: Params<'print'>) => need(set?.printer).print(p.document),
    async demoPlaceCard(p = {}) { demoOnly(need(set?.idcard).demo).place(p.card); return null; },
    async demoLiftCard() { demoOnly(need(set?.idcard).demo).lift(); return null; },
    async demoSetPrinter(p = {}) { await demoOnly(need(set?.printer).demo).set(p); return null; },
    async demoScan(p) {
      const scanners = need(set).scanners;
      const scanner = need(p.scannerId ? scanners.find((s) => s.id === p.scannerId) : scanners.find((s) => s.demo));
      await demoOnly(scanner.demo).scan(p.code);
      return null;
    },
    demoPrinted: async () => demoOnly(need(set?.printer).demo).printed(),
  };
}
