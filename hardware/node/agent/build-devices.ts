// From configuration to devices: real drivers where configured, simulators in demo mode or
// when a configured device is absent. If one device cannot be built, the ones already started
// are stopped again so no socat or simulator is left behind.
import type { AgentConfig } from './config';
import type { DeviceSet, ManagedDevice } from './devices';
import { createIdCardDevice } from './idcard-device';
import { createPrinterDevice } from './printer-device';
import { createScannerDevice, simulatedScanner, type DeviceContext } from './scanner-device';

export async function buildDevices(config: AgentConfig): Promise<DeviceSet> {
  const ctx: DeviceContext = { stateDir: config.stateDir, demo: config.demo, simulateMissing: config.simulateMissing };
  const made: ManagedDevice[] = [];
  const keep = <T extends ManagedDevice | undefined>(d: T): T => { if (d) made.push(d); return d; };
  try {
    const idcard = keep(await createIdCardDevice(config.devices.idcard, ctx));
    const printer = keep(await createPrinterDevice(config.devices.printer, ctx));
    const scanners = [];
    for (const sc of config.devices.scanners) scanners.push(keep(await createScannerDevice(sc, ctx)));
    if (scanners.length === 0 && config.demo) scanners.push(keep(await simulatedScanner('scanner', ctx)));
    return { idcard, printer, scanners };
  } catch (err) {
    await Promise.allSettled(made.map((d) => d.stop()));
    throw err;
  }
}
