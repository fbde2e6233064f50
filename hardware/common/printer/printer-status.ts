// Real-time status through DLE EOT (10 04 n): which query to send and what each answer bit
// means. Pure: the node layer sends the queries and passes the answer bytes in here.
import { printerError, type PrinterError } from './printer-errors';

export const STATUS_QUERIES = {
  printer: 1,
  offlineCause: 2,
  errorCause: 3,
  paperSensor: 4,
} as const;
export type StatusQuery = (typeof STATUS_QUERIES)[keyof typeof STATUS_QUERIES];

/** A valid DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear. */
export function isStatusAnswer(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export interface StatusAnswers {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paperSensor: number;
}

export type PaperState = 'ok' | 'nearEnd' | 'out';

export interface PrinterStatus {
  ok: boolean;
  paper: PaperState;
  coverOpen: boolean;
  offline: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  feedButton: boolean;
  error?: PrinterError;
}

const bit = (value: number, n: number): boolean => (value & (1 << n)) !== 0;

export function parsePaperSensor(byte: number): PaperState {
  if ((byte & 0x60) !== 0) return 'out';
  if ((byte & 0x0c) !== 0) return 'nearEnd';
  return 'ok';
}

/** Fold the four answers into one status, with the error a person should see first. */
export function parseStatus(answers: StatusAnswers): PrinterStatus {
  const paperStop = bit(answers.offlineCause, 5);
  const paper = paperStop ? 'out' : parsePaperSensor(answers.paperSensor);
  const status: PrinterStatus = {
    ok: true,
    paper,
    coverOpen: bit(answers.offlineCause, 2),
    offline: bit(answers.printer, 3),
    cutterError: bit(answers.errorCause, 2),
    unrecoverableError: bit(answers.errorCause, 3),
    autoRecoverableError: bit(answers.errorCause, 5),
    feedButton: bit(answers.offlineCause, 3),
  };
  const error = statusError(status, bit(answers.offlineCause, 6));
  return error ? { ...status, ok: false, error } : status;
}

function statusError(s: PrinterStatus, errorFlag: boolean): PrinterError | undefined {
  if (s.coverOpen) return printerError('PRINTER_COVER_OPEN');
  if (s.paper === 'out') return printerError('PRINTER_PAPER_OUT');
  if (s.cutterError) return printerError('PRINTER_CUTTER_ERROR');
  if (s.unrecoverableError || s.autoRecoverableError || errorFlag) return printerError('PRINTER_UNRECOVERABLE');
  if (s.offline) return printerError('PRINTER_OFFLINE');
  return undefined;
}

/** The status reported when the printer cannot be reached at all. */
export function unreachableStatus(error: PrinterError): PrinterStatus {
  return {
    ok: false, paper: 'ok', coverOpen: false, offline: true, cutterError: false,
    unrecoverableError: false, autoRecoverableError: false, feedButton: false, error,
  };
}

/** The inverse, used by the simulator: the answer byte for each query from a state. */
export interface SimulatedPrinterState {
  paperOut: boolean;
  nearEnd: boolean;
  coverOpen: boolean;
  offline: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
}

export function encodeStatusAnswer(query: number, s: SimulatedPrinterState): number {
  const stopped = s.paperOut || s.coverOpen || s.offline || s.cutterError || s.unrecoverableError;
  switch (query) {
    case 1: return 0x12 | (stopped ? 0x08 : 0);
    case 2: return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0)
      | (s.cutterError || s.unrecoverableError ? 0x40 : 0);
    case 3: return 0x12 | (s.cutterError ? 0x04 : 0) | (s.unrecoverableError ? 0x08 : 0);
    case 4: return 0x12 | (s.nearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    default: return 0x12;
  }
}
