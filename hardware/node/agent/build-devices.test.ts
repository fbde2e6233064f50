// From config to devices: a configured device that is absent at start is replaced by its
// simulator (simulateMissing, default on), and health says so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDevices } from './build-devices';
import { AgentConfig } from './config';

describe('buildDevices', () => {
  it('lets simulators stand in for an absent HID and serial scanner, and adds nothing unconfigured outside demo mode', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'onetrip-hwabsent-'));
    const set = await buildDevices(AgentConfig.parse({
      demo: false, stateDir,
      devices: { scanners: [{ mode: 'hid', id: 'door', vendorId: 0x0c2e, productId: 0xffff }, { mode: 'serial', id: 'desk', path: join(stateDir, 'no-such-tty') }] },
    }));
    try {
      await Promise.all(set.scanners.map((s) => s.start()));
      expect(set.idcard).toBeUndefined();
      expect(set.printer).toBeUndefined();
      expect(set.scanners.map((s) => [s.id, s.health().state, s.health().simulated])).toEqual([['door', 'simulated', true], ['desk', 'simulated', true]]);
    } finally {
      await Promise.all(set.scanners.map((s) => s.stop()));
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('keeps a configured but absent device missing when simulateMissing is off', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'onetrip-hwabsent-'));
    const set = await buildDevices(AgentConfig.parse({
      stateDir, simulateMissing: false, devices: { scanners: [{ mode: 'serial', id: 'desk', path: join(stateDir, 'no-such-tty') }] },
    }));
    try {
      await set.scanners[0]!.start();
      expect(set.scanners[0]!.health()).toMatchObject({ state: 'missing', simulated: false, lastError: { code: 'SCANNER_UNPLUGGED' } });
    } finally {
      await set.scanners[0]!.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
