import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from './kiosk-config';

describe('kiosk configuration', () => {
  it('works on one machine with no settings at all', () => {
    const c = loadKioskConfig({});
    expect(c.serverUrl).toBe('http://127.0.0.1:7070');
    expect(c.port).toBe(7080);
    expect(c.idle).toEqual({ warnAfterMs: 60_000, wipeAfterMs: 90_000 });
  });

  it('refuses bad values with a bilingual message naming the setting', () => {
    expect(() => loadKioskConfig({ ONETRIP_KIOSK_PORT: '70000' })).toThrow(/自助终端配置有误 \/ invalid kiosk configuration:[\s\S]*ONETRIP_KIOSK_PORT/);
    expect(() => loadKioskConfig({ ONETRIP_SERVER_URL: 'not a url' })).toThrow(/ONETRIP_SERVER_URL/);
    expect(() => loadKioskConfig({ ONETRIP_IDLE_WARN_S: '90', ONETRIP_IDLE_WIPE_S: '60' })).toThrow(/must exceed/);
  });

  it('gives demo kiosks a known maintenance PIN and real ones none unless set', () => {
    expect(loadKioskConfig({}).maintenancePin).toBeUndefined();
    expect(loadKioskConfig({ DEMO: '1' }).maintenancePin).toBe('2580');
    expect(loadKioskConfig({ DEMO: '1', ONETRIP_MAINTENANCE_PIN: '731946' }).maintenancePin).toBe('731946');
    expect(() => loadKioskConfig({ ONETRIP_MAINTENANCE_PIN: '12' })).toThrow(/ONETRIP_MAINTENANCE_PIN/);
  });
});
