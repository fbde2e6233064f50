// TCP 9100 ("raw" / JetDirect port) to a network receipt printer.
import { Socket } from 'node:net';
import { TransportEvents, type PrinterTransport } from './transport';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export function createTcpTransport(opts: TcpTransportOptions): PrinterTransport {
  const events = new TransportEvents();
  let socket: Socket | undefined;
  const open = (): Promise<void> => new Promise((resolve, reject) => {
    const s = new Socket();
    s.setNoDelay(true);
    s.setTimeout(opts.connectTimeoutMs ?? 3000, () => s.destroy(new Error(`connect timeout ${opts.host}:${opts.port}`)));
    s.once('error', reject);
    s.connect(opts.port, opts.host, () => {
      s.setTimeout(0);
      s.off('error', reject);
      s.on('error', () => undefined); // 'close' follows and reports it
      s.on('data', (d: Buffer) => events.emitData(new Uint8Array(d)));
      s.once('close', (hadError) => {
        if (socket === s) socket = undefined;
        events.emitClose(hadError ? new Error('connection lost') : undefined);
      });
      socket = s;
      resolve();
    });
  });
  return {
    description: `tcp ${opts.host}:${opts.port}`,
    open,
    isOpen: () => socket !== undefined && !socket.destroyed,
    write: (data) => new Promise((resolve, reject) => {
      if (!socket) return reject(new Error('not connected'));
      socket.write(data, (err) => (err ? reject(err) : resolve()));
    }),
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    close: () => new Promise((resolve) => {
      const s = socket;
      socket = undefined;
      if (!s || s.destroyed) return resolve();
      s.once('close', () => resolve());
      s.destroy();
    }),
  };
}
