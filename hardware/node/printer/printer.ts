// The receipt printer driver: validate → render → spool → status → send in chunks → confirm.
// A job leaves the spool only after the printer took every byte and reported no fault.
import {
  PrinterFailure, printerError, ReceiptDocument, splitAtCommands, unreachableStatus,
  type PrinterError, type PrinterStatus,
} from '../../common/printer';
import { systemClock, type Clock } from './clock';
import { defaultProfile, renderReceiptEscPos, type PrinterProfile } from './render';
import { createSpool, newJobId, type Spool, type SpoolJob } from './spool';
import { createStatusReader, type StatusReader } from './status-reader';
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
  /** refuse new jobs (PRINTER_QUEUE_FULL) while this many wait (default 100) */
  maxQueued?: number;
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

/** The driver; build it with createPrinter. Every printer operation runs one at a time. */
class ReceiptPrinter implements Printer {
  private readonly clock: Clock;
  private readonly transport: PrinterTransport;
  private readonly spool: Spool;
  private readonly events = new PrinterEvents();
  private readonly reader: StatusReader;
  private lock: Promise<unknown> = Promise.resolve();
  private retryTimer: unknown;
  private lastError: PrinterError | undefined;
  private closed = false;

  constructor(private readonly opts: PrinterOptions) {
    this.clock = opts.clock ?? systemClock;
    this.transport = opts.transport;
    this.spool = createSpool(opts.spoolDir);
    this.reader = createStatusReader(this.transport, this.clock, opts.statusTimeoutMs ?? 1000);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async readStatus(): Promise<PrinterStatus> {
    let status: PrinterStatus;
    try {
      if (!this.transport.isOpen()) await this.transport.open();
      status = await this.reader.read();
    } catch (e) {
      if (this.transport.isOpen() && e instanceof PrinterFailure) await this.transport.close();
      status = unreachableStatus(toError(e, this.transport));
    }
    this.events.emit('status', status);
    return status;
  }

  /**
   * Between chunks one query (DLE EOT 1) is enough: paper out, cover open and errors all
   * take the printer offline (bit 3); only then are the causes read.
   */
  private async stillReady(): Promise<PrinterError | undefined> {
    try {
      if (((await this.reader.query(1)) & 0x08) === 0) return undefined;
    } catch (e) {
      await this.transport.close();
      return toError(e, this.transport);
    }
    const status = await this.readStatus();
    return status.ok ? undefined : status.error;
  }

  private async writeChunks(bytes: Uint8Array): Promise<PrinterError | undefined> {
    for (const chunk of splitAtCommands(bytes, this.opts.chunkSize ?? 4096, nodeDecoderOptions)) {
      try {
        await this.transport.write(chunk);
      } catch (e) {
        await this.transport.close();
        return toError(e, this.transport);
      }
      const error = await this.stillReady();
      if (error) return error;
    }
    return undefined;
  }

  /** Send one job; resolves with the error that stopped it, or undefined when confirmed. */
  private async send(job: SpoolJob): Promise<PrinterError | undefined> {
    const before = await this.readStatus();
    if (!before.ok) return before.error;
    const error = await this.writeChunks(new Uint8Array(Buffer.from(job.bytes, 'base64')));
    if (error) {
      // the job may be partly on paper: count the attempt, keep it for a full reprint
      await this.spool.update({ ...job, attempts: job.attempts + 1 });
      return error;
    }
    await this.spool.remove(job.jobId);
    this.events.emit('printed', { jobId: job.jobId });
    return undefined;
  }

  private scheduleRetry(): void {
    const ms = this.opts.retryMs ?? 5000;
    if (this.closed || ms <= 0 || this.retryTimer !== undefined) return;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, ms);
  }

  private async flushNow(): Promise<FlushResult> {
    const printed: string[] = [];
    const jobs = await this.spool.list();
    for (const job of jobs) {
      const error = await this.send(job);
      this.lastError = error;
      if (error) {
        const pending = jobs.filter((j) => !printed.includes(j.jobId)).map((j) => j.jobId);
        for (const jobId of pending) this.events.emit('queued', { jobId, error });
        this.scheduleRetry();
        return { printed, pending, error };
      }
      printed.push(job.jobId);
    }
    return { printed, pending: [] };
  }

  flush(): Promise<FlushResult> {
    return this.exclusive(() => this.flushNow());
  }

  async print(input: unknown): Promise<PrintResult> {
    const parsed = ReceiptDocument.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').slice(0, 5).join(', ');
      throw new PrinterFailure(printerError('PRINTER_INVALID_RECEIPT', where));
    }
    if ((await this.spool.list()).length >= (this.opts.maxQueued ?? 100)) {
      throw new PrinterFailure(printerError('PRINTER_QUEUE_FULL', `${this.opts.maxQueued ?? 100}`));
    }
    const bytes = renderReceiptEscPos(parsed.data, this.opts.profile ?? defaultProfile);
    const now = this.clock.now();
    const job = await this.spool.add({
      jobId: newJobId(now), createdAt: now, label: labelOf(parsed.data), bytes: Buffer.from(bytes).toString('base64'),
    });
    const result = await this.flush();
    // Another caller's flush may have printed this job before ours ran: ask the spool.
    const waiting = (await this.spool.list()).some((j) => j.jobId === job.jobId);
    if (!waiting) return { jobId: job.jobId, state: 'printed' };
    const error = result.error ?? this.lastError;
    return { jobId: job.jobId, state: 'queued', ...(error ? { error } : {}) };
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  async queued(): Promise<string[]> {
    return (await this.spool.list()).map((j) => j.jobId);
  }

  on<K extends keyof PrinterEventMap>(event: K, listener: (e: PrinterEventMap[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    await this.lock;
    this.reader.dispose();
    await this.transport.close();
  }
}

export function createPrinter(opts: PrinterOptions): Printer {
  return new ReceiptPrinter(opts);
}
