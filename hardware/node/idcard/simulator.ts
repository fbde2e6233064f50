// startIdCardSimulator: a reader on one end of a pty pair (or any serial port). The driver,
// the CLI or a person with a terminal program opens the other end and meets a reader that
// behaves like the real thing. Cards are placed and lifted programmatically.
import { SerialPort } from 'serialport';
import type { CardSpec } from '../../common/idcard';
import { systemClock } from './clock';
import type { Clock } from './clock';
import { SimulatedReader } from './simulated-reader';
import type { SimulatorFault, SimulatorStats } from './simulated-reader';
import { serialConnection } from './transport';

export interface IdCardSimulatorOptions {
  /** The simulator's end of the line (e.g. PtyPair.b). */
  readonly path: string;
  /** Cards placeCard(i) chooses from; default: the demo cards (all four types, people in 宁乡市). */
  readonly cards?: readonly CardSpec[];
  readonly baudRate?: number;
  /** Card authentication time on select, in ms. Default 300. */
  readonly authMs?: number;
  /** Pace answers at the serial rate, as a real line would (default true). */
  readonly pace?: boolean;
  readonly clock?: Clock;
}

export interface IdCardSimulator {
  /** Puts card `i` of `cards` (or the given card) on the reader, replacing any card there. */
  placeCard(card: number | CardSpec): void;
  liftCard(): void;
  inject(fault: SimulatorFault): void;
  /** Closes the simulator's end of the line. */
  close(): Promise<void>;
  readonly stats: SimulatorStats;
  /** Where the placed card is in its find → select → read life. */
  readonly phase: string;
  /** True once a pull-cable fault has cut the line. */
  readonly unplugged: boolean;
  /** Time `n` bytes take on the wire at the simulator's current rate, in ms. */
  wireMs(n: number): number;
}

export async function startIdCardSimulator(options: IdCardSimulatorOptions): Promise<IdCardSimulator> {
  const baudRate = options.baudRate ?? 115200;
  const port = new SerialPort({ path: options.path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const conn = serialConnection(port);
  let unplugged = false;
  const reader = new SimulatedReader(
    { cards: options.cards, baudRate, authMs: options.authMs, pace: options.pace, clock: options.clock ?? systemClock },
    (bytes) => conn.write(bytes),
    () => {
      unplugged = true;
      void conn.close();
    },
  );
  conn.onData((chunk) => reader.receive(chunk));
  return {
    placeCard: (card) => reader.placeCard(card),
    liftCard: () => reader.liftCard(),
    inject: (fault) => reader.inject(fault),
    close: () => conn.close(),
    get stats() { return reader.stats; },
    get phase() { return reader.phase; },
    get unplugged() { return unplugged; },
    wireMs: (n) => reader.wireMs(n),
  };
}
