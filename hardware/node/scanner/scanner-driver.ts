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

class Scanner implements ScannerDriver {
  readonly id: string;
  private readonly timers: Timers;
  private readonly now: () => Date;
  private readonly decoder: ReturnType<typeof makeDecoder>;
  private readonly scans = listeners<[ScanEvent]>();
  private readonly healthChanged = listeners<[DeviceHealth]>();
  private transport: ByteTransport | undefined;
  private retry: unknown;
  private stopped = true;
  private current: DeviceHealth;

  constructor(private readonly opts: ScannerOptions) {
    this.id = opts.id;
    this.timers = opts.timers ?? realTimers;
    this.now = opts.now ?? (() => new Date());
    this.decoder = makeDecoder(opts.mode, opts.suffix ?? 'crlf');
    this.current = { id: opts.id, kind: 'scanner', state: 'missing', simulated: opts.simulated ?? false, port: opts.port, lastError: null, lastErrorAt: null };
  }

  health = (): DeviceHealth => this.current;
  onScan = (listener: (scan: ScanEvent) => void): (() => void) => this.scans.add(listener);
  onHealth = (listener: (health: DeviceHealth) => void): (() => void) => this.healthChanged.add(listener);

  private setHealth(patch: Partial<DeviceHealth>): void {
    this.current = { ...this.current, ...patch };
    this.healthChanged.emit(this.current);
  }

  private missing(): void {
    this.setHealth({ state: 'missing', lastError: agentError('SCANNER_UNPLUGGED'), lastErrorAt: this.now().toISOString() });
    this.scheduleReopen();
  }

  private onChunk(chunk: Uint8Array): void {
    const { codes, error } = this.decoder.decode(chunk);
    if (error) this.setHealth({ lastError: error, lastErrorAt: this.now().toISOString() });
    for (const c of codes) {
      this.scans.emit({ scannerId: this.id, code: decodeScanText(c.data, this.opts.encoding), symbology: c.symbology, at: this.now().toISOString() });
    }
  }

  private scheduleReopen(): void {
    if (this.stopped || this.retry !== undefined) return;
    this.retry = this.timers.setTimeout(() => { this.retry = undefined; void this.connect(); }, this.opts.reconnectMs ?? 2000);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let t: ByteTransport;
    try {
      t = await this.opts.open();
    } catch (_err) {
      this.missing();
      return;
    }
    if (this.stopped) { await t.close(); return; }
    this.transport = t;
    this.decoder.reset();
    t.onData((chunk) => this.onChunk(chunk));
    t.onClose(() => {
      if (this.transport !== t) return;
      this.transport = undefined;
      if (!this.stopped) this.missing();
    });
    this.setHealth({ state: this.opts.simulated ? 'simulated' : 'ok', port: t.port });
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== undefined) { this.timers.clearTimeout(this.retry); this.retry = undefined; }
    const t = this.transport;
    this.transport = undefined;
    await t?.close();
  }
}

export function createScannerDriver(opts: ScannerOptions): ScannerDriver {
  return new Scanner(opts);
}
