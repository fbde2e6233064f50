// Sends DLE EOT queries one at a time and matches each answer byte to its query, with a
// timeout from the injected clock. Only called between jobs or chunks, never inside a command.
import {
  escpos, isStatusAnswer, parseStatus, PrinterFailure, printerError, type PrinterStatus, type StatusAnswers,
} from '../../common/printer';
import type { Clock } from './clock';
import type { PrinterTransport } from './transport';

export interface StatusReader {
  query(n: number): Promise<number>;
  /** all four queries, folded into one status */
  read(): Promise<PrinterStatus>;
  dispose(): void;
}

export function createStatusReader(transport: PrinterTransport, clock: Clock, timeoutMs: number): StatusReader {
  let waiting: ((byte: number) => void) | undefined;
  const offData = transport.onData((data) => {
    for (const byte of data) {
      // Anything else (a stray ASB or an echo) is not an answer to our query.
      if (waiting && isStatusAnswer(byte)) {
        const w = waiting;
        waiting = undefined;
        w(byte);
      }
    }
  });
  let chain: Promise<unknown> = Promise.resolve();

  const ask = (n: number): Promise<number> => new Promise<number>((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      waiting = undefined;
      reject(new PrinterFailure(printerError('PRINTER_STATUS_TIMEOUT', `DLE EOT ${n}, ${timeoutMs} ms`)));
    }, timeoutMs);
    waiting = (byte) => {
      clock.clearTimeout(timer);
      resolve(byte);
    };
    transport.write(escpos.status(n)).catch((e: unknown) => {
      clock.clearTimeout(timer);
      waiting = undefined;
      reject(new PrinterFailure(printerError('PRINTER_UNREACHABLE', transport.description), { cause: e }));
    });
  });

  const query = (n: number): Promise<number> => {
    const next = chain.then(() => ask(n));
    chain = next.catch(() => undefined);
    return next;
  };

  const read = async (): Promise<PrinterStatus> => {
    const answers: StatusAnswers = {
      printer: await query(1),
      offlineCause: await query(2),
      errorCause: await query(3),
      paperSensor: await query(4),
    };
    return parseStatus(answers);
  };

  return { query, read, dispose: offData };
}
