// The byte transports a scanner driver reads from. A driver never opens hardware itself:
// it receives an `open` function, so tests pass a pty, an in-process pipe or a fake HID device.
import { realpath } from 'node:fs/promises';
import { SerialPort } from 'serialport';

export interface ByteTransport {
  /** Subscribe to incoming chunks (serial) or reports (HID). Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the device goes away (unplugged, pty closed) or after close(). */
  onClose(listener: (err?: Error) => void): () => void;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Human-readable location for health reports. */
  readonly port: string;
}

export type OpenTransport = () => Promise<ByteTransport>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A small listener set: the drivers' event plumbing without pulling EventEmitter's string keys in. */
export function listeners<T extends unknown[]>() {
  const set = new Set<(...args: T) => void>();
  return {
    add(fn: (...args: T) => void): () => void { set.add(fn); return () => set.delete(fn); },
    emit(...args: T): void { for (const fn of [...set]) fn(...args); },
    get size() { return set.size; },
  };
}

export interface SerialTransportOptions {
  baudRate?: number;
  /** How often to check that the device node is still there (and the same one). */
  presenceMs?: number;
  timers?: Timers;
}

/**
 * Open a serial port (or pty) through serialport. Rejects when the path does not exist.
 * serialport does not always notice a vanished device while nothing is being read (a pty whose
 * other end closed, sometimes a USB adapter pulled out), so the transport also checks on a timer
 * that the path still resolves to the node it opened; when it does not, the device was unplugged.
 */
export function serialTransport(path: string, options: SerialTransportOptions = {}): OpenTransport {
  return async () => {
    const device = await realpath(path);
    const port = new SerialPort({ path, baudRate: options.baudRate ?? 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const t = wrapSerialPort(port, path);
    watchPresence(t, path, device, options.timers ?? realTimers, options.presenceMs ?? 1000);
    return t;
  };
}

function watchPresence(t: ByteTransport & { gone(err: Error): void }, path: string, device: string, timers: Timers, ms: number): void {
  let handle: unknown;
  let closed = false;
  t.onClose(() => { closed = true; timers.clearTimeout(handle); });
  const tick = () => {
    realpath(path).then((now) => now === device, () => false).then((present) => {
      if (closed) return;
      if (present) handle = timers.setTimeout(tick, ms);
      else t.gone(new Error(`${path} disappeared`));
    }, () => undefined);
  };
  handle = timers.setTimeout(tick, ms);
}

function wrapSerialPort(port: SerialPort, path: string): ByteTransport & { gone(err: Error): void } {
  const data = listeners<[Uint8Array]>();
  const closed = listeners<[Error | undefined]>();
  let done = false;
  const finish = (err?: Error) => { if (!done) { done = true; closed.emit(err); } };
  const gone = (err: Error) => { finish(err); if (port.isOpen) port.close(() => undefined); };
  port.on('data', (chunk: Buffer) => data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  port.on('close', (err?: Error) => finish(err ?? undefined));
  port.on('error', gone);
  return {
    port: path,
    gone,
    onData: data.add,
    onClose: closed.add,
    write: (bytes) => new Promise((res, rej) => port.write(Buffer.from(bytes), (err) => (err ? rej(err) : port.drain(() => res())))),
    close: () => new Promise((res) => { if (!port.isOpen) { finish(); res(); return; } port.close(() => { finish(); res(); }); }),
  };
}
