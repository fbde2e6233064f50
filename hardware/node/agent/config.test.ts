import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

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
