// The scanner driver over real socat pty pairs: the same suite runs against a real scanner
// when ONETRIP_TEST_SCANNER_PORT names its serial port (then a person scans the printed code).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, ScanEvent } from '../../common/agent/health';
import { startPtyPair, type PtyPair } from '../agent/pty-pair';
import { createScannerDriver, type ScannerDriver } from './scanner-driver';
import { serialScannerSimulator, type ScannerSimulator } from './simulator';
import { serialTransport, type Timers } from './transport';

/** Timers that fire only when the test says so: reconnects are tested without sleeping. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn) => { const id = next++; pending.set(id, fn); return id; },
    clearTimeout: (id) => { pending.delete(id as number); },
  };
  return { timers, fireAll: () => { const fns = [...pending.values()]; pending.clear(); fns.forEach((f) => f()); }, get size() { return pending.size; } };
}

function nextEvent<T>(subscribe: (fn: (v: T) => void) => () => void, accept: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => { const off = subscribe((v) => { if (accept(v)) { off(); resolve(v); } }); });
}

const realPort = process.env.ONETRIP_TEST_SCANNER_PORT;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function setup(): Promise<{ driver: ScannerDriver; sim?: ScannerSimulator; pair?: PtyPair; dir: string; timers: ReturnType<typeof manualTimers> }> {
  const dir = await mkdtemp(join(tmpdir(), 'onetrip-scanner-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const timers = manualTimers();
  const path = realPort ?? join(dir, 'scanner');
  let pair: PtyPair | undefined;
  let sim: ScannerSimulator | undefined;
  if (!realPort) {
    pair = await startPtyPair(path, join(dir, 'sim'));
    cleanups.push(() => pair!.close());
    sim = serialScannerSimulator(await serialTransport(pair.simulatorPath)());
    cleanups.push(() => sim!.close());
  }
  const driver = createScannerDriver({ id: 'scanner-1', mode: 'serial', open: serialTransport(path, { timers: timers.timers }), timers: timers.timers });
  cleanups.push(() => driver.stop());
  return { driver, sim, pair, dir, timers };
}

describe('serial scanner over a pty', () => {
  it('reports each scanned code once', async () => {
    const { driver, sim } = await setup();
    await driver.start();
    expect(driver.health().state).toBe('ok');
    const got: ScanEvent[] = [];
    const two = new Promise<void>((r) => driver.onScan((s) => { got.push(s); if (got.length === 2) r(); }));
    if (sim) { await sim.scan('R-2026-000123'); await sim.scan('回执 01JD8Z3K4M'); } else console.log('scan R-2026-000123 then 回执 01JD8Z3K4M');
    await two;
    expect(got.map((s) => s.code)).toEqual(['R-2026-000123', '回执 01JD8Z3K4M']);
  });

  it.skipIf(Boolean(realPort))('goes missing when unplugged and comes back when replugged (simulator only: needs a pty to pull)', async () => {
    const { driver, pair, dir, timers } = await setup();
    await driver.start();
    const missing = nextEvent<DeviceHealth>(driver.onHealth, (h) => h.state === 'missing');
    await pair!.close();
    timers.fireAll(); // the presence check notices the pty has gone (if serialport did not already)
    expect((await missing).lastError?.code).toBe('SCANNER_UNPLUGGED');
    // Reopening while the pty is gone keeps the scanner missing.
    const stillMissing = nextEvent<DeviceHealth>(driver.onHealth);
    timers.fireAll();
    expect((await stillMissing).state).toBe('missing');
    const replug = await startPtyPair(join(dir, 'scanner'), join(dir, 'sim'));
    cleanups.push(() => replug.close());
    const sim2 = serialScannerSimulator(await serialTransport(replug.simulatorPath)());
    cleanups.push(() => sim2.close());
    const back = nextEvent<DeviceHealth>(driver.onHealth);
    timers.fireAll();
    expect((await back).state).toBe('ok');
    const scan = nextEvent<ScanEvent>(driver.onScan);
    await sim2.scan('AFTER-REPLUG');
    expect((await scan).code).toBe('AFTER-REPLUG');
  });
});
