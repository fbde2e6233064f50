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

const allDevices = (set: DeviceSet | undefined): ManagedDevice[] =>
  (set ? [set.idcard, set.printer, ...set.scanners].filter((d): d is NonNullable<typeof d> => Boolean(d)) : []);

/** Forward every device's events as AgentEvents; returns the unsubscribe functions. */
function wire(set: DeviceSet, emit: (e: AgentEvent) => void): (() => void)[] {
  const offs = allDevices(set).map((d) => d.onHealth((h: DeviceHealth) => emit({ event: 'health', data: h })));
  if (set.idcard) {
    const readerId = set.idcard.id;
    offs.push(set.idcard.onCard((c) => emit({ event: 'card', data: c })));
    offs.push(set.idcard.onRemoved(() => emit({ event: 'cardRemoved', data: { readerId } })));
  }
  if (set.printer) offs.push(set.printer.onStatus((st: PrinterStatusView) => emit({ event: 'printerStatus', data: st })));
  for (const sc of set.scanners) offs.push(sc.onScan((data) => emit({ event: 'scan', data })));
  return offs;
}

/** The device methods of AgentApi over the current device set (undefined before start). */
function deviceMethods(current: () => DeviceSet | undefined, demo: boolean): Omit<AgentApi, 'subscribe' | 'health'> {
  const need = <T>(device: T | undefined): T => {
    if (!current()) throw unavailable();
    if (!device) throw new AgentFailure(agentError('NO_DEVICE'));
    return device;
  };
  const demoOnly = <T>(d: T | undefined): T => {
    if (!demo || !d) throw new AgentFailure(agentError('NOT_DEMO'));
    return d;
  };
  return {
    printerStatus: async () => need(current()?.printer).status(),
    print: async (p: Params<'print'>) => need(current()?.printer).print(p.document),
    async demoPlaceCard(p = {}) { demoOnly(need(current()?.idcard).demo).place(p.card); return null; },
    async demoLiftCard() { demoOnly(need(current()?.idcard).demo).lift(); return null; },
    async demoSetPrinter(p = {}) { await demoOnly(need(current()?.printer).demo).set(p); return null; },
    async demoScan(p) {
      const scanners = need(current()).scanners;
      const scanner = need(p.scannerId ? scanners.find((s) => s.id === p.scannerId) : scanners.find((s) => s.demo));
      await demoOnly(scanner.demo).scan(p.code);
      return null;
    },
    demoPrinted: async () => demoOnly(need(current()?.printer).demo).printed(),
  };
}

export function createAgent(config: AgentConfig, options: AgentOptions = {}): Agent {
  const events = listeners<[AgentEvent]>();
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  let set: DeviceSet | undefined;
  let offs: (() => void)[] = [];
  return {
    config,
    devices: () => allDevices(set),
    subscribe: events.add,
    async start() {
      if (set) return;
      set = await (options.buildDevices ?? buildDevices)(config);
      offs = wire(set, (e) => events.emit(e));
      await Promise.all(allDevices(set).map((d) => d.start()));
    },
    async stop() {
      offs.splice(0).forEach((off) => off());
      const devices = allDevices(set);
      set = undefined;
      await Promise.allSettled(devices.map((d) => d.stop()));
    },
    async health(): Promise<HealthReport> {
      if (!set) throw unavailable();
      return { demo: config.demo, startedAt, devices: allDevices(set).map((d) => d.health()) };
    },
    ...deviceMethods(() => set, config.demo),
  };
}
