// One scanner driver for both wire modes: serial (code + suffix) and HID POS (scanned-data
// reports). It owns reconnecting: when the device disappears (unplugged, pty closed) health
// turns "missing" and it retries `open` on an injected timer until the device is back.
import { agentError, type AgentError } from '../../common/agent/errors';
import type { DeviceHealth, ScanEvent } from '../../common/agent/health';
import { createHidScanAssembler } from '../../common/scanner/hid-pos';
import { createSerialFramer, type ScanSuffix } from '../../common/scanner/serial-framer';
import { decodeScanText, type ScanEncoding } from '../../common/scanner/text';
import { listeners, realTimers, type ByteTransport, type OpenTransport, type Timers } from './transport';

export interface ScannerOptions {
  id: string;
  mode: 'serial' | 'hid';
  open: OpenTransport;
  suffix?: ScanSuffix;
  encoding?: ScanEncoding;
  /** Pause before trying to reopen a missing device. */
  reconnectMs?: number;
  timers?: Timers;
  now?: () => Date;
  simulated?: boolean;
  /** Shown in health before the first successful open. */
  port?: string;
}

export interface ScannerDriver {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  onScan(listener: (scan: ScanEvent) => void): () => void;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  health(): DeviceHealth;
}

type Decoder = (chunk: Uint8Array) => { codes: { data: Uint8Array; symbology?: string }[]; error?: AgentError };

function makeDecoder(mode: 'serial' | 'hid', suffix: ScanSuffix): { decode: Decoder; reset(): void } {
  if (mode === 'serial') {
    const framer = createSerialFramer(suffix);
    return {
      reset: framer.reset,
      decode: (chunk) => {
        const out = framer.push(chunk);
        return { codes: out.frames.map((data) => ({ data })), error: out.overflowed ? agentError('SCANNER_NOISE') : undefined };
      },
    };
  }
  const assembler = createHidScanAssembler();
  return {
    reset: assembler.reset,
    decode: (report) => {
      const out = assembler.push(report);
      return { codes: out.scan ? [{ data: out.scan.data, symbology: out.scan.aimId }] : [], error: out.error ? agentError('SCANNER_NOISE') : undefined };
    },
  };
}

export function createScannerDriver(opts: ScannerOptions): ScannerDriver {
  const timers = opts.timers ?? realTimers;
  const now = opts.now ?? (() => new Date());
  const decoder = makeDecoder(opts.mode, opts.suffix ?? 'crlf');
  const scans = listeners<[ScanEvent]>();
  const healthChanged = listeners<[DeviceHealth]>();
  let transport: ByteTransport | undefined;
  let retry: unknown;
  let stopped = true;
  let health: DeviceHealth = {
    id: opts.id, kind: 'scanner', state: 'missing', simulated: opts.simulated ?? false,
    port: opts.port, lastError: null, lastErrorAt: null,
  };

  const setHealth = (patch: Partial<DeviceHealth>) => {
    health = { ...health, ...patch };
    healthChanged.emit(health);
  };
  const fail = (error: AgentError) => setHealth({ lastError: error, lastErrorAt: now().toISOString() });
  const okState = (): DeviceHealth['state'] => (opts.simulated ? 'simulated' : 'ok');

  const onChunk = (chunk: Uint8Array) => {
    const { codes, error } = decoder.decode(chunk);
    if (error) fail(error);
    for (const c of codes) {
      scans.emit({ scannerId: opts.id, code: decodeScanText(c.data, opts.encoding), symbology: c.symbology, at: now().toISOString() });
    }
  };

  const scheduleReopen = () => {
    if (stopped || retry !== undefined) return;
    retry = timers.setTimeout(() => { retry = undefined; void connect(); }, opts.reconnectMs ?? 2000);
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    try {
      const t = await opts.open();
      if (stopped) { await t.close(); return; }
      transport = t;
      decoder.reset();
      t.onData(onChunk);
      t.onClose(() => {
        if (transport !== t) return;
        transport = undefined;
        if (stopped) return;
        setHealth({ state: 'missing', lastError: agentError('SCANNER_UNPLUGGED'), lastErrorAt: now().toISOString() });
        scheduleReopen();
      });
      setHealth({ state: okState(), port: t.port });
    } catch (_err) {
      setHealth({ state: 'missing', lastError: agentError('SCANNER_UNPLUGGED'), lastErrorAt: now().toISOString() });
      scheduleReopen();
    }
  }

  return {
    id: opts.id,
    health: () => health,
    onScan: scans.add,
    onHealth: healthChanged.add,
    async start() {
      if (!stopped) return;
      stopped = false;
      await connect();
    },
    async stop() {
      stopped = true;
      if (retry !== undefined) { timers.clearTimeout(retry); retry = undefined; }
      const t = transport;
      transport = undefined;
      await t?.close();
    },
  };
}
