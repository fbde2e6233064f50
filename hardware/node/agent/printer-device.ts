// The receipt printer in the agent: the printer helper's driver (node/printer) on the
// configured serial port, TCP address or device file — or on the ESC/POS simulator's TCP port
// on 127.0.0.1 (demo / absent printer). Health follows the printer's own status answers.
import { existsSync } from 'node:fs';
import jsQR from 'jsqr';
import { join } from 'node:path';
import type { DeviceHealth, PaperLevel } from '../../common/agent/health';
import type { PrintedReceipt, PrinterStatusView } from '../../common/agent/protocol';
import type { EscPosOp, PrinterStatus } from '../../common/printer';
import {
  createPrinter, createPrinterDeviceFileTransport, createPrinterSerialTransport, createPrinterTcpTransport, startPrinterSimulator,
  type Printer, type PrinterSimulator, type PrinterTransport,
} from '../printer';
import { listeners } from '../scanner/transport';
import { rasterToRgba } from '../printer/raster';
import type { PrinterConfig } from './config';
import type { PrinterDevice } from './devices';
import type { DeviceContext } from './scanner-device';

const PAPER: Record<PrinterStatus['paper'], PaperLevel> = { ok: 'ok', nearEnd: 'low', out: 'out' };

function view(id: string, s: PrinterStatus): PrinterStatusView {
  return { printerId: id, ok: s.ok, paper: s.paper, coverOpen: s.coverOpen, offline: s.offline, error: s.error ? { code: s.error.code, message: { ...s.error.message } } : undefined };
}

function stateOf(s: PrinterStatus, simulated: boolean): DeviceHealth['state'] {
  if (s.error?.code === 'PRINTER_UNREACHABLE' || s.error?.code === 'PRINTER_STATUS_TIMEOUT') return 'missing';
  if (!s.ok || s.paper === 'nearEnd') return 'degraded';
  return simulated ? 'simulated' : 'ok';
}

interface Parts { id: string; printer: Printer; port: string; sim?: PrinterSimulator }

function adapt(p: Parts, now: () => Date): PrinterDevice {
  const statusL = listeners<[PrinterStatusView]>();
  const healthL = listeners<[DeviceHealth]>();
  const simulated = Boolean(p.sim);
  let health: DeviceHealth = { id: p.id, kind: 'printer', state: 'missing', simulated, port: p.port, lastError: null, lastErrorAt: null, paper: 'unknown' };
  const track = (s: PrinterStatus) => {
    health = { ...health, state: stateOf(s, simulated), paper: PAPER[s.paper], ...(s.error ? { lastError: { code: s.error.code, message: { ...s.error.message } }, lastErrorAt: now().toISOString() } : {}) };
    healthL.emit(health);
    statusL.emit(view(p.id, s));
  };
  p.printer.on('status', track);
  const refresh = async () => { const s = await p.printer.status(); return view(p.id, s); };
  const sim = p.sim;
  return {
    id: p.id,
    kind: 'printer',
    simulatorPort: sim ? `tcp 127.0.0.1:${sim.tcpPort}` : undefined, // the driver's port too: TCP has one address
    start: async () => { await refresh(); },
    async stop() { await p.printer.close(); await sim?.close(); },
    health: () => health,
    onHealth: healthL.add,
    onStatus: statusL.add,
    status: refresh,
    async print(document) {
      const r = await p.printer.print(document);
      return { jobId: r.jobId, state: r.state, error: r.error ? { code: r.error.code, message: { ...r.error.message } } : undefined };
    },
    demo: sim ? {
      async set(s) {
        const cur = sim.state();
        const paper = s.paper ?? (cur.paperOut ? 'out' : cur.nearEnd ? 'nearEnd' : 'ok');
        sim.setState({ paperOut: paper === 'out', nearEnd: paper === 'nearEnd', coverOpen: s.coverOpen ?? cur.coverOpen });
        await refresh();
        // Paper is back: print what waited in the spool now rather than at the next retry.
        if (paper !== 'out' && !(s.coverOpen ?? cur.coverOpen)) await p.printer.flush();
      },
      printed: (): PrintedReceipt[] => {
        const text = sim.lines().map((l) => l.text).join('\n');
        const qrCodes = sim.received().flatMap((op) => { const qr = qrTextOf(op); return qr === null ? [] : [qr.slice(0, 2000)]; }).slice(-50);
        return text ? [{ text: text.slice(0, 60_000), bytes: sim.received().length, qrCodes }] : [];
      },
    } : undefined,
  };
}

/** QR codes already read, per decoded op: demoPrinted is asked repeatedly over one growing list. */
const qrRead = new WeakMap<EscPosOp, string | null>();

/** What a printed QR code says: a native QR's stored data, or a raster image read back with jsQR (our receipts print QR as rasters). */
function qrTextOf(op: EscPosOp): string | null {
  if (op.op === 'qr') return op.fn === 'store' && op.data ? Buffer.from(op.data).toString('utf8') : null;
  if (op.op !== 'image') return null;
  if (!qrRead.has(op)) {
    const { data, width, height } = rasterToRgba(op, 16);
    qrRead.set(op, jsQR(data, width, height)?.data ?? null);
  }
  return qrRead.get(op) ?? null;
}

function transportFor(config: PrinterConfig): { transport: PrinterTransport; port: string } {
  if (config.transport === 'serial') return { transport: createPrinterSerialTransport({ path: config.path, baudRate: config.baudRate }), port: config.path };
  if (config.transport === 'tcp') return { transport: createPrinterTcpTransport({ host: config.host, port: config.port }), port: `tcp ${config.host}:${config.port}` };
  return { transport: createPrinterDeviceFileTransport({ path: config.path }), port: config.path };
}

export async function createPrinterDevice(config: PrinterConfig | undefined, ctx: DeviceContext, now: () => Date = () => new Date()): Promise<PrinterDevice | undefined> {
  const id = config?.id ?? 'printer';
  const spoolDir = join(ctx.stateDir, 'spool', id);
  const absent = config && config.transport !== 'tcp' && !existsSync(config.path);
  if (config && (!absent || !(ctx.demo || ctx.simulateMissing))) {
    const { transport, port } = transportFor(config);
    return adapt({ id, printer: createPrinter({ transport, spoolDir }), port }, now);
  }
  if (!config && !ctx.demo) return undefined;
  if (config) console.log(`printer ${id}: absent, simulator stands in / 打印机未连接，使用模拟器`);
  const sim = await startPrinterSimulator({ tcpPort: 0 });
  const port = sim.tcpPort ?? 0;
  return adapt({ id, printer: createPrinter({ transport: createPrinterTcpTransport({ host: '127.0.0.1', port }), spoolDir, retryMs: 2000 }), port: `tcp 127.0.0.1:${port}`, sim }, now);
}
