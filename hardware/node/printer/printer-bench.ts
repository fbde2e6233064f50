// Figures for `npm run bench -- printer` (bench/printer.ts loads this module):
// - render: our receipt → ESC/POS (validation, layout, font coverage check) against
//   receiptline alone turning the same markdown into bytes;
// - print over TCP: render, spool (fsync), DLE EOT checks and chunking, against rendering and
//   writing the same bytes to the same simulator on a bare socket, waiting for the cut;
// - decode: the simulator's decoder throughput, against a target.
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as receiptline from 'receiptline';
import { decodeEscPos } from '../../common/printer';
import { caseReceipt } from './fixtures/receipts';
import { createPrinter } from './printer';
import { receiptMarkdown, renderReceiptEscPos } from './render';
import { startPrinterSimulator, type PrinterSimulator } from './simulator';
import { createTcpTransport } from './tcp-transport';
import { nodeDecoderOptions } from './text-decoding';

/** Mean time of one call, after `warmup` calls to let the JIT settle. */
async function timeEach(n: number, fn: () => unknown, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const line = (name: string, ours: number, peer: number, unit: string): string =>
  `${name}: ours ${fmt(ours)} ${unit}, peer ${fmt(peer)} ${unit}, ratio ${(ours / peer).toFixed(2)}`;

function rawPrint(sim: PrinterSimulator, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const before = sim.cuts();
    const socket = new Socket();
    const off = sim.onOps(() => {
      if (sim.cuts() > before) {
        off();
        socket.destroy();
        resolve();
      }
    });
    socket.once('error', reject);
    socket.connect(sim.tcpPort ?? 0, '127.0.0.1', () => socket.write(bytes));
  });
}

async function printFigures(): Promise<string> {
  const sim = await startPrinterSimulator({ tcpPort: 0 });
  const spool = await mkdtemp(join(tmpdir(), 'onetrip-printer-bench-'));
  const printer = createPrinter({ transport: createTcpTransport({ host: '127.0.0.1', port: sim.tcpPort ?? 0 }), spoolDir: spool, retryMs: 0 });
  try {
    const ours = await timeEach(20, () => printer.print(caseReceipt));
    const peer = await timeEach(20, () => rawPrint(sim, renderReceiptEscPos(caseReceipt)));
    return line('printer-print-tcp', ours, peer, 'ms/receipt');
  } finally {
    await printer.close();
    await sim.close();
    await rm(spool, { recursive: true, force: true });
  }
}

export async function runPrinterBench(): Promise<string[]> {
  const md = receiptMarkdown(caseReceipt);
  const ours = await timeEach(100, () => renderReceiptEscPos(caseReceipt), 20);
  const peer = await timeEach(100, () => receiptline.transform(md, { cpl: 48, encoding: 'gb18030', command: 'generic' }), 20);
  // receipt-sized inputs, as the simulator decodes them (one job per connection burst)
  const bytes = renderReceiptEscPos(caseReceipt);
  const decodeMs = await timeEach(500, () => decodeEscPos(bytes, nodeDecoderOptions), 300);
  const mbPerS = bytes.length / 1e6 / (decodeMs / 1000);
  return [
    line('printer-render', ours, peer, 'ms/receipt'),
    await printFigures(),
    `printer-decode: ours ${fmt(mbPerS)} MB/s, target 10 MB/s`,
  ];
}
