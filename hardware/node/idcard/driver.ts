// The ID-card reader driver: polls find → select → read, emits one `card` per card placed,
// reports errors as { code, message: { zh, en } }, and follows the reader through disconnects.
import { EventEmitter } from 'node:events';
import { Command, Sw3, encodeCommand, errorForSw3, idCardError, parseReadResponse } from '../../common/idcard';
import type { IdCardError, Identity, ResponseFrame } from '../../common/idcard';
import { delay, systemClock } from './clock';
import type { Clock } from './clock';
import { DisconnectedError, NoResponseError, ReaderSession } from './session';
import { serialTransport } from './transport';
import type { ReaderTransport } from './transport';

export type ReaderStatus = 'connected' | 'disconnected';

export interface IdCardReaderOptions {
  /** How to reach the reader; or give `path` (and `baudRate`) for a serial port. */
  readonly transport?: ReaderTransport;
  readonly path?: string;
  readonly baudRate?: number;
  readonly clock?: Clock;
  /** Read with 30 10 (text, photo and fingerprint) instead of 30 01. */
  readonly withFingerprint?: boolean;
  /** Pause between two finds while no card lies on the reader. Default 20 ms. */
  readonly pollIntervalMs?: number;
  /** Wait for a short response. Default 300 ms. */
  readonly commandTimeoutMs?: number;
  /** Wait for select (the card authenticates) and read. Default 1500 ms + the read's wire time. */
  readonly readTimeoutMs?: number;
  /** Resends of one command after a timeout or a corrupt answer. Default 2. */
  readonly retries?: number;
  /** Whole find-select-read cycles tried on one card before an error is reported. Default 3. */
  readonly readAttempts?: number;
  /** Pause between attempts to reopen a disconnected reader. Default 1000 ms. */
  readonly reconnectIntervalMs?: number;
}

export interface IdCardReaderEvents {
  card: [Identity];
  error: [IdCardError];
  status: [ReaderStatus];
}

export interface IdCardReader extends EventEmitter<IdCardReaderEvents> {
  /** Starts polling in the background; resolves at once. */
  start(): Promise<void>;
  /** Stops polling and closes the port; resolves when everything has ended. */
  stop(): Promise<void>;
  readonly status: ReaderStatus;
}

interface Settings {
  readonly transport: ReaderTransport;
  readonly clock: Clock;
  readonly withFingerprint: boolean;
  readonly pollIntervalMs: number;
  readonly commandTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly retries: number;
  readonly readAttempts: number;
  readonly reconnectIntervalMs: number;
}

function settingsOf(o: IdCardReaderOptions): Settings {
  const baudRate = o.baudRate ?? 115200;
  const transport = o.transport ?? (o.path ? serialTransport({ path: o.path, baudRate }) : undefined);
  if (!transport) throw new TypeError('createIdCardReader needs a transport or a path');
  const longestReadMs = Math.ceil((2321 * 10 * 1000) / baudRate);
  return {
    transport,
    clock: o.clock ?? systemClock,
    withFingerprint: o.withFingerprint ?? false,
    pollIntervalMs: o.pollIntervalMs ?? 20,
    commandTimeoutMs: o.commandTimeoutMs ?? 300,
    readTimeoutMs: o.readTimeoutMs ?? 1500 + longestReadMs,
    retries: o.retries ?? 2,
    readAttempts: o.readAttempts ?? 3,
    reconnectIntervalMs: o.reconnectIntervalMs ?? 1000,
  };
}

export function createIdCardReader(options: IdCardReaderOptions): IdCardReader {
  return new Driver(settingsOf(options));
}

/** Result of one poll: whether to poll again at once (a retry) or after the interval. */
type Next = 'now' | 'later';

class Driver extends EventEmitter<IdCardReaderEvents> implements IdCardReader {
  status: ReaderStatus = 'disconnected';
  private session: ReaderSession | null = null;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  /** A card was read (or given up on): wait until a find fails before reading again. */
  private awaitingLift = false;
  private failedAttempts = 0;
  /** An error about the connection was reported; stay quiet until it works again. */
  private openErrorReported = false;
  private statusAnnounced = false;

  constructor(private readonly s: Settings) {
    super();
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.session?.close().catch(() => undefined);
    await this.loop;
    this.loop = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const wait = await this.step();
      if (wait > 0) await delay(this.s.clock, wait, signal);
    }
    await this.session?.close().catch(() => undefined);
    this.session = null;
  }

  /** One step of the loop; returns how long to wait before the next. */
  private async step(): Promise<number> {
    if (!this.session || this.session.closed) {
      return (await this.connect()) ? 0 : this.s.reconnectIntervalMs;
    }
    try {
      return (await this.poll(this.session)) === 'now' ? 0 : this.s.pollIntervalMs;
    } catch (error) {
      if (error instanceof DisconnectedError || error instanceof NoResponseError) {
        await this.lost(error);
        return 0;
      }
      // A bug, not a device problem: report it (a kiosk must not crash on it), start afresh.
      this.emitError(idCardError('IDCARD_INTERNAL', (error as Error).message));
      await this.lost(new DisconnectedError(error as Error), true);
      return this.s.reconnectIntervalMs;
    }
  }

  private async connect(): Promise<boolean> {
    let session: ReaderSession;
    try {
      session = new ReaderSession(await this.s.transport.open(), this.s.clock);
    } catch (error) {
      if (!this.openErrorReported) this.emitError(idCardError('IDCARD_PORT_OPEN_FAILED', `${this.s.transport.description}: ${(error as Error).message}`));
      this.openErrorReported = true;
      this.setStatus('disconnected');
      return false;
    }
    this.session = session;
    // Say "disconnected" as soon as the line drops, even while the loop sleeps between polls.
    session.onClose((error) => { if (this.session === session) void this.lost(error); });
    try {
      const status = await session.transact(encodeCommand(...Command.samStatus), 'SAM status', this.s.commandTimeoutMs, this.s.retries);
      if (status.sw3 !== Sw3.success) this.emitError(errorForSw3(status.sw3));
    } catch (error) {
      await this.lost(error as DisconnectedError | NoResponseError);
      return false;
    }
    this.openErrorReported = false;
    this.awaitingLift = false;
    this.setStatus('connected');
    return true;
  }

  /** The connection is gone or mute: say so once, close it, and let the loop reconnect. */
  private async lost(error: DisconnectedError | NoResponseError, reported = false): Promise<void> {
    const session = this.session;
    this.session = null;
    const stopping = this.abort?.signal.aborted ?? false;
    if (!stopping && !reported && (this.status === 'connected' || !this.openErrorReported)) {
      this.emitError(idCardError(error instanceof DisconnectedError ? 'IDCARD_DISCONNECTED' : 'IDCARD_NO_RESPONSE'));
      this.openErrorReported = true;
    }
    if (!stopping) this.setStatus('disconnected');
    await session?.close().catch(() => undefined);
  }

  private command(session: ReaderSession, cmd: readonly [number, number], what: string, long = false): Promise<ResponseFrame> {
    const timeout = long ? this.s.readTimeoutMs : this.s.commandTimeoutMs;
    return session.transact(encodeCommand(cmd[0], cmd[1]), what, timeout, this.s.retries);
  }

  private async poll(session: ReaderSession): Promise<Next> {
    const found = await this.command(session, Command.findCard, 'find card');
    if (found.sw3 !== Sw3.cardFound) {
      this.awaitingLift = false;
      this.failedAttempts = 0;
      return 'later';
    }
    if (this.awaitingLift) return 'later';
    const selected = await this.command(session, Command.selectCard, 'select card', true);
    if (selected.sw3 !== Sw3.success) return this.failed(errorForSw3(selected.sw3));
    const readCmd = this.s.withFingerprint ? Command.readBaseWithFingerprint : Command.readBase;
    const read = await this.command(session, readCmd, 'read base message', true);
    if (read.sw3 !== Sw3.success) return this.failed(errorForSw3(read.sw3));
    const identity = parseReadResponse(read.data, this.s.withFingerprint);
    this.awaitingLift = true;
    this.failedAttempts = 0;
    if (!identity.ok) this.emitError(identity.error);
    else this.emit('card', identity.value);
    return 'later';
  }

  /** A cycle failed on a card that lies on the reader: retry, or report and wait for a lift. */
  private failed(error: IdCardError): Next {
    this.failedAttempts++;
    if (this.failedAttempts < this.s.readAttempts) return 'now';
    this.failedAttempts = 0;
    this.awaitingLift = true;
    this.emitError(error);
    return 'later';
  }

  /** Emits `status` on every change, and the first `disconnected` even though it is the initial value. */
  private setStatus(status: ReaderStatus): void {
    if (status === this.status && this.statusAnnounced) return;
    this.statusAnnounced = true;
    this.status = status;
    this.emit('status', status);
  }

  /** `error` events without a listener would throw (EventEmitter rule); a reader must not. */
  private emitError(error: IdCardError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
