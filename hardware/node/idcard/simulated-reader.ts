// A reader that speaks the SAM wire protocol, independent of how its bytes travel: it parses
// commands, lets the reader model answer, takes as long as a real reader (the command's time
// on the wire, the card's authentication, the answer paced at the serial rate, since a pty
// ignores the rate), and injects faults. The serial simulator and the in-memory transport
// both wrap it.
import { DEMO_CARDS, FrameParser, ReaderModel } from '../../common/idcard';
import type { CardSpec, ParseEvent } from '../../common/idcard';
import { delay } from './clock';
import type { Clock } from './clock';

export type SimulatorFault =
  /** The next answer carries a wrong CHK. */
  | { readonly kind: 'checksum' }
  /** The next select fails mutual authentication (SW3 31, 32 or 33; default 32). */
  | { readonly kind: 'auth-failure'; readonly sw3?: 0x31 | 0x32 | 0x33 }
  /** Random bytes go out before the next answer. */
  | { readonly kind: 'garbage'; readonly length?: number }
  /** The next command gets no answer at all. */
  | { readonly kind: 'silence' }
  /** The cable is pulled partway through the next answer of at least `minLength` bytes (default 100). */
  | { readonly kind: 'pull-cable'; readonly minLength?: number };

export interface SimulatedReaderOptions {
  /** Cards that placeCard(i) chooses from. Default: the demo cards. */
  readonly cards?: readonly CardSpec[];
  readonly baudRate?: number;
  /** Card authentication time on select, in ms. Default 300. */
  readonly authMs?: number;
  /** Pace answers at the serial rate (default true). */
  readonly pace?: boolean;
  readonly clock: Clock;
}

export interface SimulatorStats {
  commands: number;
  bytesIn: number;
  bytesOut: number;
}

const BITS_PER_BYTE = 10;
const CHUNK = 32;

export class SimulatedReader {
  readonly stats: SimulatorStats = { commands: 0, bytesIn: 0, bytesOut: 0 };
  readonly cards: readonly CardSpec[];
  private readonly model: ReaderModel;
  private readonly parser = new FrameParser();
  private readonly queue: ParseEvent[] = [];
  private readonly faults: SimulatorFault[] = [];
  private busy = false;
  private unplugged = false;
  private baudRate: number;
  private garbageSeed = 0x1234567;

  constructor(
    private readonly options: SimulatedReaderOptions,
    private readonly write: (bytes: Uint8Array) => Promise<void>,
    private readonly unplug: () => void,
  ) {
    this.cards = options.cards ?? DEMO_CARDS;
    this.model = new ReaderModel({ authMs: options.authMs ?? 300 });
    this.baudRate = options.baudRate ?? 115200;
  }

  get phase(): string {
    return this.model.cardPhase;
  }

  placeCard(card: number | CardSpec): void {
    const spec = typeof card === 'number' ? this.cards[card] : card;
    if (!spec) throw new RangeError(`no card ${String(card)} (have ${this.cards.length})`);
    this.model.placeCard(spec);
  }

  liftCard(): void {
    this.model.liftCard();
  }

  inject(fault: SimulatorFault): void {
    if (fault.kind === 'auth-failure') this.model.failNextAuth(fault.sw3 ?? 0x32);
    else this.faults.push(fault);
  }

  /** Time `n` bytes take on the wire at the current rate, in ms. */
  wireMs(n: number): number {
    return (n * BITS_PER_BYTE * 1000) / this.baudRate;
  }

  receive(chunk: Uint8Array): void {
    if (this.unplugged) return;
    this.stats.bytesIn += chunk.length;
    this.queue.push(...this.parser.push(chunk));
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let event = this.queue.shift(); event && !this.unplugged; event = this.queue.shift()) await this.answer(event);
    } finally {
      this.busy = false;
    }
  }

  private async answer(event: ParseEvent): Promise<void> {
    this.stats.commands++;
    const received = event.type === 'bad-length' ? 7 : event.type === 'frame' ? event.frame.payload.length + 8 : event.payload.length + 8;
    if (this.takeFault('silence')) return;
    const reply = this.model.handle(event);
    const wait = (this.options.pace === false ? 0 : this.wireMs(received)) + reply.workMs;
    if (wait > 0) await delay(this.options.clock, wait);
    let bytes = reply.frame;
    if (this.takeFault('checksum')) bytes = corruptChecksum(bytes);
    const garbage = this.takeFault('garbage');
    if (garbage) bytes = concat(this.garbage(garbage.length ?? 16), bytes);
    const pull = this.faults.find((f): f is Extract<SimulatorFault, { kind: 'pull-cable' }> => f.kind === 'pull-cable');
    if (pull && bytes.length >= (pull.minLength ?? 100)) {
      this.faults.splice(this.faults.indexOf(pull), 1);
      await this.send(bytes.subarray(0, Math.floor(bytes.length / 2)));
      this.unplugged = true;
      this.unplug();
      return;
    }
    await this.send(bytes);
    if (reply.baudRate) this.baudRate = reply.baudRate;
  }

  private takeFault<K extends SimulatorFault['kind']>(kind: K): Extract<SimulatorFault, { kind: K }> | undefined {
    const at = this.faults.findIndex((f) => f.kind === kind);
    if (at < 0) return undefined;
    return this.faults.splice(at, 1)[0] as Extract<SimulatorFault, { kind: K }>;
  }

  /** Writes `bytes` so that each chunk is handed over when it would have fully arrived. */
  private async send(bytes: Uint8Array): Promise<void> {
    const { clock } = this.options;
    const start = clock.now();
    for (let at = 0; at < bytes.length && !this.unplugged; at += CHUNK) {
      const end = Math.min(bytes.length, at + CHUNK);
      if (this.options.pace !== false) {
        const wait = start + this.wireMs(end) - clock.now();
        if (wait > 0) await delay(clock, wait);
      }
      this.stats.bytesOut += end - at;
      await this.write(bytes.subarray(at, end)).catch(() => undefined);
    }
  }

  private garbage(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      this.garbageSeed = (Math.imul(this.garbageSeed, 1103515245) + 12345) >>> 0;
      out[i] = this.garbageSeed >>> 24;
    }
    return out;
  }
}

function corruptChecksum(frame: Uint8Array): Uint8Array {
  const copy = frame.slice();
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0x5a;
  return copy;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
