// How the driver reaches a reader. A transport opens connections; the driver reopens it after
// a disconnect. Serial (a real reader, a USB-serial adapter or a simulator on a pty) is
// implemented; USB bulk is an interface only, for readers without a serial bridge.
import { SerialPort } from 'serialport';

export interface ReaderConnection {
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes as they arrive, in whatever chunks the line delivers. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the connection ends for any reason (unplugged, closed, error). */
  onClose(listener: (error?: Error) => void): void;
  close(): Promise<void>;
}

export interface ReaderTransport {
  /** For logs and errors, e.g. "serial /dev/ttyUSB0 @115200". */
  readonly description: string;
  open(): Promise<ReaderConnection>;
}

export interface SerialOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
}

/** 115200 8N1 unless told otherwise (the SAM default). */
export function serialTransport(options: SerialOptions): ReaderTransport {
  const settings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, ...options } as const;
  return {
    description: `serial ${settings.path} @${settings.baudRate}`,
    open: () => openSerial(settings),
  };
}

async function openSerial(settings: Required<SerialOptions>): Promise<ReaderConnection> {
  const port = new SerialPort({ ...settings, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return serialConnection(port);
}

/** Wraps an open serialport as a ReaderConnection (also used by the simulator). */
export function serialConnection(port: SerialPort): ReaderConnection {
  const closeListeners: ((error?: Error) => void)[] = [];
  let ended = false;
  const end = (error?: Error): void => {
    if (ended) return;
    ended = true;
    for (const listener of closeListeners) listener(error);
  };
  port.on('close', (error?: Error) => end(error));
  port.on('error', (error: Error) => end(error));
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (ended) return reject(new Error('port closed'));
        port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => (err ? reject(err) : resolve()));
      }),
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
    onClose: (listener) => closeListeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) return resolve(end());
        port.close(() => resolve(end()));
      }),
  };
}

/**
 * USB bulk readers carry the same SAM frames over two bulk endpoints in 64-byte packets
 * (not HID). Not implemented yet: a transport would wrap a device that provides these two
 * transfers (e.g. node-usb or WebUSB) and split/join frames into packets.
 */
export interface UsbBulkEndpoints {
  transferOut(packet: Uint8Array): Promise<void>;
  /** Resolves with up to `length` bytes from the IN endpoint. */
  transferIn(length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export const USB_BULK_PACKET_SIZE = 64;
