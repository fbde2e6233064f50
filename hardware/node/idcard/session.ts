// One open connection to a reader: send a command, wait for its response frame, with a
// timeout and resends. One command at a time, as the SAM protocol is strictly half-duplex.
import { FrameParser, Sw3, asResponse } from '../../common/idcard';
import type { ResponseFrame } from '../../common/idcard';
import type { Clock, TimerHandle } from './clock';
import type { ReaderConnection } from './transport';

/** The connection ended (cable pulled, port closed). */
export class DisconnectedError extends Error {
  constructor(cause?: Error) {
    super(`reader disconnected${cause ? `: ${cause.message}` : ''}`);
    this.name = 'DisconnectedError';
  }
}

/** No valid answer after every resend. */
export class NoResponseError extends Error {
  constructor(what: string) {
    super(`no valid response to ${what}`);
    this.name = 'NoResponseError';
  }
}

type Outcome = { kind: 'frame'; frame: ResponseFrame } | { kind: 'corrupt' } | { kind: 'timeout' };

interface Pending {
  settle(outcome: Outcome): void;
  fail(error: Error): void;
}

export interface SessionStats {
  bytesOut: number;
  bytesIn: number;
  resends: number;
}

export class ReaderSession {
  private readonly parser = new FrameParser();
  private pending: Pending | null = null;
  private closedWith: DisconnectedError | null = null;
  readonly stats: SessionStats = { bytesOut: 0, bytesIn: 0, resends: 0 };

  constructor(private readonly conn: ReaderConnection, private readonly clock: Clock) {
    conn.onData((chunk) => this.onData(chunk));
    conn.onClose((error) => {
      this.closedWith = new DisconnectedError(error);
      this.pending?.fail(this.closedWith);
      for (const listener of this.closeListeners) listener(this.closedWith);
    });
  }

  private readonly closeListeners: ((error: DisconnectedError) => void)[] = [];

  onClose(listener: (error: DisconnectedError) => void): void {
    this.closeListeners.push(listener);
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /**
   * Sends `frame` and returns the reader's response. Resends up to `retries` times after a
   * timeout, a corrupt response, or SW3 = 10 (the reader saw our frame damaged on the line).
   */
  async transact(frame: Uint8Array, what: string, timeoutMs: number, retries: number): Promise<ResponseFrame> {
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) this.stats.resends++;
      const outcome = await this.once(frame, timeoutMs);
      if (outcome.kind === 'frame' && outcome.frame.sw3 !== Sw3.checksumError) return outcome.frame;
      if (outcome.kind === 'timeout') this.parser.reset();
    }
    throw new NoResponseError(what);
  }

  async close(): Promise<void> {
    await this.conn.close();
  }

  private once(frame: Uint8Array, timeoutMs: number): Promise<Outcome> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<Outcome>((resolve, reject) => {
      let timer: TimerHandle = undefined;
      const done = (): void => {
        this.clock.clearTimeout(timer);
        this.pending = null;
      };
      this.pending = {
        settle: (outcome) => { done(); resolve(outcome); },
        fail: (error) => { done(); reject(error); },
      };
      timer = this.clock.setTimeout(() => this.pending?.settle({ kind: 'timeout' }), timeoutMs);
      this.stats.bytesOut += frame.length;
      this.conn.write(frame).catch((error: Error) => this.pending?.fail(new DisconnectedError(error)));
    });
  }

  private onData(chunk: Uint8Array): void {
    this.stats.bytesIn += chunk.length;
    for (const event of this.parser.push(chunk)) {
      // A frame that arrives while no command waits is stale (a late answer after a timeout).
      if (!this.pending) continue;
      if (event.type === 'frame') {
        const response = asResponse(event.frame);
        this.pending.settle(response ? { kind: 'frame', frame: response } : { kind: 'corrupt' });
      } else {
        this.pending.settle({ kind: 'corrupt' });
      }
    }
  }
}
