// A serial receipt printer (RS-232 or USB-serial, /dev/ttyUSB0, COM3) through serialport.
import { SerialPort } from 'serialport';
import { TransportEvents, type PrinterTransport } from './transport';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
}

export function createSerialTransport(opts: SerialTransportOptions): PrinterTransport {
  const events = new TransportEvents();
  let port: SerialPort | undefined;
  const open = (): Promise<void> => new Promise((resolve, reject) => {
    const p = new SerialPort({ path: opts.path, baudRate: opts.baudRate ?? 115200, autoOpen: false, rtscts: false });
    p.open((err) => {
      if (err) return reject(err);
      p.on('data', (d: Buffer) => events.emitData(new Uint8Array(d)));
      p.on('error', () => undefined); // 'close' follows
      p.once('close', (e?: Error | null) => {
        if (port === p) port = undefined;
        events.emitClose(e ?? undefined);
      });
      port = p;
      resolve();
    });
  });
  return {
    description: `serial ${opts.path}`,
    open,
    isOpen: () => port?.isOpen === true,
    write: (data) => new Promise((resolve, reject) => {
      const p = port;
      if (!p) return reject(new Error('port not open'));
      p.write(Buffer.from(data), (err) => {
        if (err) return reject(err);
        p.drain((e) => (e ? reject(e) : resolve()));
      });
    }),
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    close: () => new Promise((resolve) => {
      const p = port;
      port = undefined;
      if (!p?.isOpen) return resolve();
      p.close(() => resolve());
    }),
  };
}
