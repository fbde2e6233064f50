// A USB printer class device file (/dev/usb/lp0 on Linux), opened read/write with node:fs.
// Reads are non-blocking and polled, so a printer that never answers cannot pin a libuv
// thread; the poll only runs while the file is open.
import { constants } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { TransportEvents, type PrinterTransport } from './transport';

export interface DeviceFileTransportOptions {
  path: string;
  /** pause between reads that found nothing (default 10 ms) */
  pollMs?: number;
}

const isAgain = (e: unknown): boolean => {
  const code = (e as { code?: string }).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
};

export function createDeviceFileTransport(opts: DeviceFileTransportOptions): PrinterTransport {
  const events = new TransportEvents();
  let handle: FileHandle | undefined;
  const pollMs = opts.pollMs ?? 10;
  // A write wakes the read loop at once and makes it poll fast for a moment: an answer
  // usually follows a write within a few milliseconds.
  let wake: (() => void) | undefined;
  let fastUntil = 0;
  const pause = (): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(done, Date.now() < fastUntil ? 1 : pollMs);
    function done(): void {
      clearTimeout(timer);
      wake = undefined;
      resolve();
    }
    wake = done;
  });

  const lost = async (h: FileHandle, error?: Error): Promise<void> => {
    if (handle !== h) return;
    handle = undefined;
    await h.close().catch(() => undefined);
    events.emitClose(error);
  };

  const readLoop = async (h: FileHandle): Promise<void> => {
    const buf = Buffer.alloc(256);
    while (handle === h) {
      try {
        const { bytesRead } = await h.read(buf, 0, buf.length, null);
        if (bytesRead > 0) events.emitData(new Uint8Array(buf.subarray(0, bytesRead)));
        else await pause();
      } catch (e) {
        if (handle !== h) return;
        if (isAgain(e)) await pause();
        else return lost(h, e as Error);
      }
    }
  };

  return {
    description: `device ${opts.path}`,
    async open() {
      const h = await openFile(opts.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
      handle = h;
      void readLoop(h);
    },
    isOpen: () => handle !== undefined,
    async write(data) {
      const h = handle;
      if (!h) throw new Error('device not open');
      let at = 0;
      while (at < data.length) {
        try {
          const { bytesWritten } = await h.write(data, at, data.length - at, null);
          at += bytesWritten;
          fastUntil = Date.now() + 50;
          wake?.();
        } catch (e) {
          if (!isAgain(e)) {
            await lost(h, e as Error);
            throw e;
          }
          await new Promise((r) => setTimeout(r, pollMs));
        }
      }
    },
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    async close() {
      const h = handle;
      handle = undefined;
      wake?.();
      await h?.close().catch(() => undefined);
    },
  };
}
