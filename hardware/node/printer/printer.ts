// The receipt printer driver: validate → render → spool → status → send in chunks → confirm.
// A job leaves the spool only after the printer took every byte and reported no fault.
import {
  PrinterFailure, printerError, ReceiptDocument, splitAtCommands, unreachableStatus,
  type PrinterError, type PrinterStatus,
} from '../../common/printer';
import { systemClock, type Clock } from './clock';
import { defaultProfile, renderReceiptEscPos, type PrinterProfile } from './render';
import { createSpool, newJobId, type SpoolJob } from './spool';
import { createStatusReader } from './status-reader';
import { nodeDecoderOptions } from './text-decoding';
import type { PrinterTransport } from './transport';
import { PrinterEvents, type PrinterEventMap } from './printer-events';

export interface PrinterOptions {
  transport: PrinterTransport;
  spoolDir: string;
  clock?: Clock;
  profile?: PrinterProfile;
  /** per DLE EOT query (default 1000 ms) */
  statusTimeoutMs?: number;
  /** bytes per write between status queries (default 4096) */
  chunkSize?: number;
  /** retry queued jobs this long after a failure (default 5000 ms; 0 = only on flush()) */
  retryMs?: number;
}

export interface PrintResult {
  jobId: string;
  state: 'printed' | 'queued';
  error?: PrinterError;
}

export interface FlushResult {
  printed: string[];
  pending: string[];
  error?: PrinterError;
}

export interface Printer {
  print(doc: unknown): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  /** try the queued jobs again, oldest first */
  flush(): Promise<FlushResult>;
  queued(): Promise<string[]>;
  on<K extends keyof PrinterEventMap>(event: K, listener: (e: PrinterEventMap[K]) => void): () => void;
  close(): Promise<void>;
}

const toError = (e: unknown, transport: PrinterTransport): PrinterError =>
  e instanceof PrinterFailure ? e.error : printerError('PRINTER_UNREACHABLE', transport.description);

const labelOf = (doc: ReceiptDocument): string =>
  doc.kind === 'caseReceipt' ? `caseReceipt ${doc.caseNumber}` : doc.kind === 'queueTicket' ? `queueTicket ${doc.ticketNumber}` : 'oneTimeNotice';

export function createPrinter(opts: PrinterOptions): Printer {
  const clock = opts.clock ?? systemClock;
  const { transport } = opts;
  const spool = createSpool(opts.spoolDir);
  const events = new PrinterEvents();
  const reader = createStatusReader(transport, clock, opts.statusTimeoutMs ?? 1000);
  let lock: Promise<unknown> = Promise.resolve();
  let retryTimer: unknown;
  let closed = false;
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };

  const readStatus = async (): Promise<PrinterStatus> => {
    let status: PrinterStatus;
    try {
      if (!transport.isOpen()) await transport.open();
      status = await reader.read();
    } catch (e) {
      if (transport.isOpen() && e instanceof PrinterFailure) await transport.close();
      status = unreachableStatus(toError(e, transport));
    }
    events.emit('status', status);
    return status;
  };

  /**
   * Between chunks one query (DLE EOT 1) is enough: paper out, cover open and errors all
   * take the printer offline (bit 3); only then are the causes read.
   */
  const stillReady = async (): Promise<PrinterError | undefined> => {
    try {
      if (((await reader.query(1)) & 0x08) === 0) return undefined;
    } catch (e) {
      await transport.close();
      return toError(e, transport);
    }
    const status = await readStatus();
    return status.ok ? undefined : status.error;
  };

  const writeChunks = async (bytes: Uint8Array): Promise<PrinterError | undefined> => {
    for (const chunk of splitAtCommands(bytes, opts.chunkSize ?? 4096, nodeDecoderOptions)) {
      try {
        await transport.write(chunk);
      } catch (e) {
        await transport.close();
        return toError(e, transport);
      }
      const error = await stillReady();
      if (error) return error;
    }
    return undefined;
  };

  /** Send one job; resolves with the error that stopped it, or undefined when confirmed. */
  const send = async (job: SpoolJob): Promise<PrinterError | undefined> => {
    const before = await readStatus();
    if (!before.ok) return before.error;
    const error = await writeChunks(new Uint8Array(Buffer.from(job.bytes, 'base64')));
    if (error) {
      // the job may be partly on paper: count the attempt, keep it for a full reprint
      await spool.update({ ...job, attempts: job.attempts + 1 });
      return error;
    }
    await spool.remove(job.jobId);
    events.emit('printed', { jobId: job.jobId });
    return undefined;
  };

  const scheduleRetry = (): void => {
    const ms = opts.retryMs ?? 5000;
    if (closed || ms <= 0 || retryTimer !== undefined) return;
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, ms);
  };

  const flushNow = async (): Promise<FlushResult> => {
    const printed: string[] = [];
    const jobs = await spool.list();
    for (const job of jobs) {
      const error = await send(job);
      if (error) {
        const pending = jobs.filter((j) => !printed.includes(j.jobId)).map((j) => j.jobId);
        for (const jobId of pending) events.emit('queued', { jobId, error });
        scheduleRetry();
        return { printed, pending, error };
      }
      printed.push(job.jobId);
    }
    return { printed, pending: [] };
  };
  const flush = (): Promise<FlushResult> => exclusive(flushNow);

  const print = async (input: unknown): Promise<PrintResult> => {
    const parsed = ReceiptDocument.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').slice(0, 5).join(', ');
      throw new PrinterFailure(printerError('PRINTER_INVALID_RECEIPT', where));
    }
    const bytes = renderReceiptEscPos(parsed.data, opts.profile ?? defaultProfile);
    const job = await spool.add({
      jobId: newJobId(clock.now()), createdAt: clock.now(), label: labelOf(parsed.data),
      bytes: Buffer.from(bytes).toString('base64'),
    });
    const result = await flush();
    if (result.printed.includes(job.jobId)) return { jobId: job.jobId, state: 'printed' };
    return { jobId: job.jobId, state: 'queued', ...(result.error ? { error: result.error } : {}) };
  };

  return {
    print,
    status: () => exclusive(readStatus),
    flush,
    queued: async () => (await spool.list()).map((j) => j.jobId),
    on: (event, listener) => events.on(event, listener),
    async close() {
      closed = true;
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
      await lock;
      reader.dispose();
      await transport.close();
    },
  };
}
