import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseListen } from './config';
import { originAllowed } from './server';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'onetrip-hwcfg-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('agent configuration', () => {
  it('reads the file named by ONETRIP_HW_CONFIG and lets DEMO and ONETRIP_HW_PORT override it', async () => {
    const file = join(dir, 'hw.json');
    await writeFile(file, JSON.stringify({
      port: 7999, devices: { idcard: { path: '/dev/ttyUSB0' }, printer: { transport: 'tcp', host: '192.168.1.50' }, scanners: [{ mode: 'hid', id: 'door', vendorId: 0x0c2e }] },
    }));
    const c = await loadConfig({ ONETRIP_HW_CONFIG: file, DEMO: '1', ONETRIP_HW_PORT: '127.0.0.1:7171', ONETRIP_HW_STATE_DIR: dir });
    expect(c).toMatchObject({ demo: true, host: '127.0.0.1', port: 7171, stateDir: dir });
    expect(c.devices.printer).toEqual({ transport: 'tcp', id: 'printer', host: '192.168.1.50', port: 9100 });
    expect(c.devices.scanners[0]).toMatchObject({ mode: 'hid', id: 'door' });
  });

  it('refuses a non-loopback host, unknown keys and unreadable files with a bilingual ConfigError', async () => {
    await expect(loadConfig({ ONETRIP_HW_PORT: '0.0.0.0:7071' })).rejects.toThrow(ConfigError);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ devices: { printer: { transport: 'lpt', path: 'x' } }, colour: 'red' }));
    await expect(loadConfig({ ONETRIP_HW_CONFIG: bad })).rejects.toThrow(/硬件配置无效.*invalid/s);
    await expect(loadConfig({ ONETRIP_HW_CONFIG: join(dir, 'missing.json') })).rejects.toThrow(ConfigError);
  });

  it('parses PORT and HOST:PORT', () => {
    expect(parseListen('7071')).toEqual({ host: undefined, port: 7071 });
    expect(parseListen('[::1]:7072')).toEqual({ host: '::1', port: 7072 });
    expect(() => parseListen('seven')).toThrow(ConfigError);
  });

  it('lets loopback pages and configured origins open the WebSocket, nothing else', () => {
    expect(originAllowed(undefined, [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:7080', [])).toBe(true);
    expect(originAllowed('http://localhost:5173', [])).toBe(true);
    expect(originAllowed('http://[::1]:7080', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1.evil.example', [])).toBe(false);
    expect(originAllowed('https://evil.example', [])).toBe(false);
    expect(originAllowed('null', [])).toBe(false);
    expect(originAllowed('app://kiosk', ['app://kiosk'])).toBe(true);
  });
});

describe('agent configuration: browser origins', () => {
  it('allows no other origin by default', async () => {
    expect((await loadConfig({})).allowedOrigins).toEqual([]);
  });

  it('lets the demo kiosk page in, and takes an explicit list from the environment', async () => {
    expect((await loadConfig({ DEMO: '1' })).allowedOrigins).toContain('http://127.0.0.1:7080');
    expect((await loadConfig({ DEMO: '1', ONETRIP_HW_ALLOWED_ORIGINS: 'http://127.0.0.1:9999, onetrip://app' })).allowedOrigins)
      .toEqual(['http://127.0.0.1:9999', 'onetrip://app']);
  });

  it('refuses an origin that is not scheme://host', async () => {
    await expect(loadConfig({ ONETRIP_HW_ALLOWED_ORIGINS: 'http://127.0.0.1:9999/path' })).rejects.toThrow(/硬件配置无效/);
  });
});
