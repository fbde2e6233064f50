// Timeouts, automatic retries, write failures and bad input, on a manual clock and an
// in-memory transport: nothing here sleeps.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, type TempDir } from '@onetrip/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeStatusAnswer, PrinterFailure, type SimulatedPrinterState } from '../../common/printer';
import { createManualClock, type ManualClock } from './clock';
import { caseReceipt } from './fixtures/receipts';
import { createPrinter, type Printer } from './printer';
import { createSpool } from './spool';
import { TransportEvents, type PrinterTransport } from './transport';

interface MemoryTransport extends PrinterTransport {
  state: SimulatedPrinterState & { silent: boolean; failWrites: boolean };
  written: number;
  /** resolves at the next write */
  nextWrite(): Promise<Uint8Array>;
}

function memoryTransport(): MemoryTransport {
  const events = new TransportEvents();
  let open = false;
  const waiters: ((d: Uint8Array) => void)[] = [];
  const t: MemoryTransport = {
    description: 'memory',
    state: { paperOut: false, nearEnd: false, coverOpen: false, offline: false, cutterError: false, unrecoverableError: false, silent: false, failWrites: false },
    written: 0,
    nextWrite: () => new Promise((resolve) => waiters.push(resolve)),
    open: async () => { open = true; },
    isOpen: () => open,
    async write(data) {
      if (t.state.failWrites) throw new Error('EIO');
      t.written += data.length;
      for (const w of waiters.splice(0)) w(data);
      if (data[0] === 0x10 && data[1] === 0x04 && !t.state.silent) {
        const answer = encodeStatusAnswer(data[2] ?? 0, t.state);
        queueMicrotask(() => events.emitData(Uint8Array.of(answer)));
      }
    },
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    close: async () => { open = false; },
  };
  return t;
}

describe('printer driver on a manual clock', () => {
  let clock: ManualClock;
  let spool: TempDir;
  let transport: MemoryTransport;
  let printer: Printer;

  beforeEach(async () => {
    clock = createManualClock(Date.UTC(2026, 10, 27));
    spool = await tempDir('printer-clock');
    transport = memoryTransport();
    printer = createPrinter({ transport, spoolDir: spool.path, clock, statusTimeoutMs: 1000, retryMs: 5000 });
  });
  afterEach(async () => {
    await printer.close();
    await spool.cleanup();
  });

  it('a printer that does not answer DLE EOT times out with a what-to-do error', async () => {
    transport.state.silent = true;
    const written = transport.nextWrite();
    const pending = printer.status();
    await written;
    clock.advance(999);
    clock.advance(1);
    const status = await pending;
    expect(status).toMatchObject({ ok: false, error: { code: 'PRINTER_STATUS_TIMEOUT' } });
    expect(status.error?.message.en).toContain('does not answer');
  });

  it('a queued job is retried by the clock and printed once the paper is back', async () => {
    transport.state.paperOut = true;
    const r = await printer.print(caseReceipt);
    expect(r).toMatchObject({ state: 'queued', error: { code: 'PRINTER_PAPER_OUT' } });
    expect(clock.pending()).toBe(1);
    transport.state.paperOut = false;
    const printed = new Promise<string>((resolve) => printer.on('printed', (e) => resolve(e.jobId)));
    clock.advance(5000);
    expect(await printed).toBe(r.jobId);
    expect(await printer.queued()).toEqual([]);
  });

  it('a failed write keeps the job and reports the printer unreachable', async () => {
    transport.state.failWrites = true;
    const r = await printer.print(caseReceipt);
    expect(r).toMatchObject({ state: 'queued', error: { code: 'PRINTER_UNREACHABLE' } });
    expect(await printer.queued()).toEqual([r.jobId]);
  });

  it('an invalid receipt is refused with zh + en and nothing is spooled', async () => {
    const bad = { ...caseReceipt, applicant: { name: '张三', idNumber: '430182199001011234' } };
    const error = await printer.print(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterFailure);
    expect((error as PrinterFailure).error).toMatchObject({ code: 'PRINTER_INVALID_RECEIPT', message: { zh: expect.stringContaining('applicant.idNumber') } });
    expect(await readdir(spool.path)).toEqual([]);
    expect(transport.written).toBe(0);
  });

  it('refuses new jobs loudly when the queue is full, keeping the waiting ones', async () => {
    await printer.close();
    printer = createPrinter({ transport, spoolDir: spool.path, clock, retryMs: 0, maxQueued: 2 });
    transport.state.paperOut = true;
    await printer.print(caseReceipt);
    await printer.print(caseReceipt);
    const error = await printer.print(caseReceipt).catch((e: unknown) => e);
    expect((error as PrinterFailure).error).toMatchObject({ code: 'PRINTER_QUEUE_FULL', message: { zh: expect.stringContaining('工作人员') } });
    expect(await printer.queued()).toHaveLength(2);
  });

  it('status events follow every query', async () => {
    const seen: boolean[] = [];
    printer.on('status', (s) => seen.push(s.ok));
    transport.state.coverOpen = true;
    await printer.status();
    transport.state.coverOpen = false;
    await printer.status();
    expect(seen).toEqual([false, true]);
  });
});

describe('spool', () => {
  it('sets a damaged job file aside instead of deleting it, and lists jobs oldest first', async () => {
    const dir = await tempDir('printer-spool-bad');
    try {
      const spool = createSpool(dir.path);
      await spool.add({ jobId: '0000000000002-bbbbbbbbbbbb', createdAt: 2, label: 'b', bytes: 'AA==' });
      await spool.add({ jobId: '0000000000001-aaaaaaaaaaaa', createdAt: 1, label: 'a', bytes: 'AA==' });
      await writeFile(join(dir.path, 'broken.json'), '{not json');
      expect((await spool.list()).map((j) => j.label)).toEqual(['a', 'b']);
      expect((await readdir(dir.path)).sort()).toEqual(['0000000000001-aaaaaaaaaaaa.json', '0000000000002-bbbbbbbbbbbb.json', 'broken.json.bad']);
    } finally {
      await dir.cleanup();
    }
  });
});
