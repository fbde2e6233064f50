// The simulator as an in-memory transport: no port, no pty, and time on an injected clock,
// so driver tests move a FakeClock through timeouts, retries and reconnects without sleeping.
import type { CardSpec } from '../../common/idcard';
import type { Clock } from './clock';
import { SimulatedReader } from './simulated-reader';
import type { SimulatorFault, SimulatorStats } from './simulated-reader';
import type { ReaderConnection, ReaderTransport } from './transport';

export interface MemorySimulator {
  readonly transport: ReaderTransport;
  placeCard(card: number | CardSpec): void;
  liftCard(): void;
  inject(fault: SimulatorFault): void;
  /** Pulls the cable now: the open connection ends and opening fails until replug(). */
  unplug(): void;
  /** Plugs a fresh reader in (no card on it). */
  replug(): void;
  /** Number of connections opened so far. */
  readonly opens: number;
  /** Traffic of the reader plugged in now. */
  readonly stats: SimulatorStats;
}

export interface MemorySimulatorOptions {
  readonly clock: Clock;
  readonly cards?: readonly CardSpec[];
  readonly authMs?: number;
  readonly pace?: boolean;
  readonly baudRate?: number;
}

export function createMemorySimulator(options: MemorySimulatorOptions): MemorySimulator {
  let plugged = true;
  let opens = 0;
  let current: { reader: SimulatedReader; end: (error?: Error) => void } | null = null;
  let reader = newReader();

  function newReader(): SimulatedReader {
    const made: SimulatedReader = new SimulatedReader(options, async (bytes) => {
      if (current?.reader === made) deliver(bytes);
    }, () => pull());
    return made;
  }
  let deliver: (bytes: Uint8Array) => void = () => undefined;
  function pull(): void {
    plugged = false;
    current?.end(new Error('cable pulled'));
    current = null;
  }

  const transport: ReaderTransport = {
    description: 'memory simulator',
    open: async () => {
      if (!plugged) throw new Error('ENOENT: no reader plugged in');
      opens++;
      return connect();
    },
  };

  function connect(): ReaderConnection {
    const dataListeners: ((chunk: Uint8Array) => void)[] = [];
    const closeListeners: ((error?: Error) => void)[] = [];
    let ended = false;
    const end = (error?: Error): void => {
      if (ended) return;
      ended = true;
      closeListeners.forEach((l) => l(error));
    };
    current = { reader, end };
    deliver = (bytes) => { if (!ended) dataListeners.forEach((l) => l(bytes.slice())); };
    const mine = reader;
    return {
      write: async (bytes) => {
        if (ended) throw new Error('port closed');
        mine.receive(bytes.slice());
      },
      onData: (l) => dataListeners.push(l),
      onClose: (l) => closeListeners.push(l),
      close: async () => end(),
    };
  }

  return {
    transport,
    placeCard: (card) => reader.placeCard(card),
    liftCard: () => reader.liftCard(),
    inject: (fault) => reader.inject(fault),
    unplug: pull,
    replug: () => { plugged = true; reader = newReader(); },
    get opens() { return opens; },
    get stats() { return reader.stats; },
  };
}
