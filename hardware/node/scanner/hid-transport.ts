// node-hid as a ByteTransport: every chunk is one input report (report id first on hidraw).
// Finding a scanner: the HID POS bar code scanner usage page is 0x8C.
import { HID_POS_USAGE_PAGE } from '../../common/scanner/hid-pos';
import { listeners, type ByteTransport, type OpenTransport } from './transport';

/** The part of a node-hid device (HID or HIDAsync) the driver uses; tests pass a fake. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): unknown;
}

export interface HidDeviceInfo {
  path?: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  product?: string;
}

/** Pick HID POS scanners out of a device list (node-hid's devices()). */
export function findHidPosScanners<D extends HidDeviceInfo>(devices: readonly D[], filter: { vendorId?: number; productId?: number } = {}): D[] {
  return devices.filter((d) => d.usagePage === HID_POS_USAGE_PAGE && d.path
    && (filter.vendorId === undefined || d.vendorId === filter.vendorId)
    && (filter.productId === undefined || d.productId === filter.productId));
}

export function wrapHidDevice(device: HidDeviceLike, port: string): ByteTransport {
  const data = listeners<[Uint8Array]>();
  const closed = listeners<[Error | undefined]>();
  let done = false;
  const finish = (err?: Error) => { if (!done) { done = true; closed.emit(err); } };
  device.on('data', (report) => data.emit(new Uint8Array(report)));
  device.on('error', (err) => { finish(err); try { device.close(); } catch { /* already gone */ } });
  return {
    port,
    onData: data.add,
    onClose: closed.add,
    write: async () => { /* a scanner takes no output reports here */ },
    close: async () => { try { device.close(); } catch { /* already gone */ } finish(); },
  };
}

/** Opens the first matching HID POS scanner through node-hid (loaded lazily: nothing opens on import). */
export function hidTransport(filter: { vendorId?: number; productId?: number; path?: string } = {}): OpenTransport {
  return async () => {
    const HID = await import('node-hid');
    const path = filter.path ?? findHidPosScanners(await HID.devicesAsync(), filter)[0]?.path;
    if (!path) throw new Error('no HID POS scanner found');
    const device = await HID.HIDAsync.open(path);
    return wrapHidDevice(device as unknown as HidDeviceLike, `hid:${path}`);
  };
}
