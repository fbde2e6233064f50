// Scanners in the agent: the real driver on the configured port, or — in demo mode, or when a
// configured serial scanner is absent — the same driver reading a simulator over a socat pty.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findHidPosScanners, hidTransport } from '../scanner/hid-transport';
import { createScannerDriver, type ScannerDriver } from '../scanner/scanner-driver';
import { serialScannerSimulator, type ScannerSimulator } from '../scanner/simulator';
import { serialTransport } from '../scanner/transport';
import type { ScannerConfig } from './config';
import type { ScannerDevice } from './devices';
import { startPtyPair, type PtyPair } from './pty-pair';

export interface DeviceContext {
  stateDir: string;
  demo: boolean;
  simulateMissing: boolean;
}

function wrap(driver: ScannerDriver, extra: Partial<ScannerDevice> & { cleanup?: () => Promise<void> } = {}): ScannerDevice {
  const { cleanup, ...rest } = extra;
  return {
    id: driver.id,
    kind: 'scanner',
    start: () => driver.start(),
    async stop() { await driver.stop(); await cleanup?.(); },
    health: () => driver.health(),
    onHealth: driver.onHealth,
    onScan: driver.onScan,
    ...rest,
  };
}

export async function simulatedScanner(id: string, ctx: DeviceContext, reason?: string): Promise<ScannerDevice> {
  const dir = join(ctx.stateDir, 'pty');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let pair: PtyPair | undefined = await startPtyPair(join(dir, id), join(dir, `${id}.sim`));
  let sim: ScannerSimulator | undefined = serialScannerSimulator(await serialTransport(pair.simulatorPath)());
  const driver = createScannerDriver({ id, mode: 'serial', open: serialTransport(pair.devicePath), simulated: true, port: pair.devicePath });
  if (reason) console.log(`scanner ${id}: ${reason}`);
  return wrap(driver, {
    simulatorPort: pair.simulatorPath,
    demo: { scan: async (code) => { await sim?.scan(code); } },
    cleanup: async () => {
      await sim?.close();
      await pair?.close();
      sim = undefined;
      pair = undefined;
    },
  });
}

async function hidScannerPresent(filter: { vendorId?: number; productId?: number }): Promise<boolean> {
  try {
    const HID = await import('node-hid');
    return findHidPosScanners(await HID.devicesAsync(), filter).length > 0;
  } catch {
    return false; // no HID access at all (no hidraw, no permission): same as absent
  }
}

export async function createScannerDevice(config: ScannerConfig, ctx: DeviceContext): Promise<ScannerDevice> {
  if (config.mode === 'serial') {
    if (!existsSync(config.path) && (ctx.demo || ctx.simulateMissing)) {
      return simulatedScanner(config.id, ctx, `${config.path} absent, simulator stands in / 扫码器未连接，使用模拟器`);
    }
    return wrap(createScannerDriver({
      id: config.id, mode: 'serial', suffix: config.suffix, encoding: config.encoding, port: config.path,
      open: serialTransport(config.path, { baudRate: config.baudRate }),
    }));
  }
  if ((ctx.demo || ctx.simulateMissing) && !config.path && !(await hidScannerPresent(config))) {
    return simulatedScanner(config.id, ctx, 'no HID POS scanner found, simulator stands in / 未找到扫码器，使用模拟器');
  }
  return wrap(createScannerDriver({
    id: config.id, mode: 'hid', port: config.path ?? 'hid',
    open: hidTransport({ path: config.path, vendorId: config.vendorId, productId: config.productId }),
  }));
}
