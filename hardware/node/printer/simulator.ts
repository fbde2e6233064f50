// A receipt printer simulator that speaks the real wire protocol, on TCP (9100 or any port)
// and/or on one end of a pty pair. It decodes what it receives (text, sizes, alignment,
// bold, cuts, raster images) and answers DLE EOT from a state the test controls. While the
// paper is out or the cover open it prints nothing, as a real printer.
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import {
  countCuts, createStreamDecoder, encodeStatusAnswer, receiptLines,
  type DecodedLine, type EscPosOp, type SimulatedPrinterState,
} from '../../common/printer';
import { nodeDecoderOptions } from './text-decoding';

export interface PrinterSimulatorOptions {
  /** listen on 127.0.0.1:tcpPort (0 = any free port) */
  tcpPort?: number;
  /** open this pty end (the driver opens the other) */
  ptyPath?: string;
  state?: Partial<SimulatedPrinterState>;
}

export interface PrinterSimulator {
  /** the TCP port actually listened on */
  readonly tcpPort: number | undefined;
  setState(patch: Partial<SimulatedPrinterState>): void;
  state(): SimulatedPrinterState;
  /** decoded operations printed so far (status queries excluded) */
  received(): EscPosOp[];
  lines(): DecodedLine[];
  cuts(): number;
  /** bytes thrown away because the printer could not print (paper out, cover open …) */
  discarded(): number;
  /** DLE EOT queries answered */
  statusQueries(): number;
  clear(): void;
  /** called after every batch of decoded ops */
  onOps(listener: (ops: EscPosOp[]) => void): () => void;
  /** the cable is pulled: connections drop, nothing is answered, TCP stops listening */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

const idle: SimulatedPrinterState = {
  paperOut: false, nearEnd: false, coverOpen: false, offline: false, cutterError: false, unrecoverableError: false,
};
const canPrint = (s: SimulatedPrinterState): boolean =>
  !(s.paperOut || s.coverOpen || s.offline || s.cutterError || s.unrecoverableError);

interface Core {
  state: SimulatedPrinterState;
  ops: EscPosOp[];
  discarded: number;
  queries: number;
  plugged: boolean;
  listeners: Set<(ops: EscPosOp[]) => void>;
}

/** One decoder per connection: status queries are answered at once, print ops recorded. */
function connection(core: Core, reply: (byte: number) => void): (chunk: Uint8Array) => void {
  const decoder = createStreamDecoder(nodeDecoderOptions);
  return (chunk) => {
    if (!core.plugged) return;
    const printable: EscPosOp[] = [];
    for (const op of decoder.push(chunk)) {
      if (op.op === 'status') {
        core.queries++;
        reply(encodeStatusAnswer(op.query, core.state));
      } else if (canPrint(core.state)) printable.push(op);
      else core.discarded++;
    }
    core.ops.push(...printable);
    for (const l of core.listeners) l(printable);
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function openPty(core: Core, path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    port.open((err) => {
      if (err) return reject(err);
      const feed = connection(core, (b) => port.write(Buffer.of(b)));
      port.on('data', (d: Buffer) => feed(new Uint8Array(d)));
      port.on('error', () => undefined);
      resolve(port);
    });
  });
}

/** The TCP side: a listener on 127.0.0.1 that can be pulled (unplug) and put back. */
function tcpEndpoint(core: Core): { start(port: number): Promise<number>; stop(): Promise<void> } {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const accept = (socket: Socket): void => {
    if (!core.plugged) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const feed = connection(core, (b) => socket.write(Buffer.of(b)));
    socket.on('data', (d: Buffer) => feed(new Uint8Array(d)));
  };
  return {
    async start(port) {
      server = createServer(accept);
      return listen(server, port);
    },
    async stop() {
      for (const s of sockets) s.destroy();
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

export async function startPrinterSimulator(opts: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
  const core: Core = { state: { ...idle, ...opts.state }, ops: [], discarded: 0, queries: 0, plugged: true, listeners: new Set() };
  const tcp = tcpEndpoint(core);
  const tcpPort = opts.tcpPort === undefined ? undefined : await tcp.start(opts.tcpPort);
  const pty = opts.ptyPath ? await openPty(core, opts.ptyPath) : undefined;
  return {
    tcpPort,
    setState: (patch) => { core.state = { ...core.state, ...patch }; },
    state: () => ({ ...core.state }),
    received: () => [...core.ops],
    lines: () => receiptLines(core.ops),
    cuts: () => countCuts(core.ops),
    discarded: () => core.discarded,
    statusQueries: () => core.queries,
    clear: () => { core.ops = []; core.discarded = 0; core.queries = 0; },
    onOps: (l) => { core.listeners.add(l); return () => core.listeners.delete(l); },
    async unplug() {
      core.plugged = false;
      await tcp.stop();
    },
    async replug() {
      core.plugged = true;
      if (tcpPort !== undefined) await tcp.stop().then(() => tcp.start(tcpPort));
    },
    async close() {
      core.listeners.clear();
      await tcp.stop();
      if (pty?.isOpen) await new Promise<void>((resolve) => pty.close(() => resolve()));
    },
  };
}
