import { describe, expect, it } from 'vitest';
import { corsOrigins, loadConfig, maskConfig } from './config';

describe('configuration', () => {
  it('defaults to PGlite on 127.0.0.1:7070', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 7070, HOST: '127.0.0.1', DATA_DIR: './.data/sync-server', DEMO: false });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads DEMO=1 and numbers from strings, ignoring unrelated variables', () => {
    const c = loadConfig({ DEMO: '1', PORT: '8080', PATH: '/usr/bin' });
    expect(c.DEMO).toBe(true);
    expect(c.PORT).toBe(8080);
    expect(c).not.toHaveProperty('PATH');
  });

  it('lists every bad key in one bilingual error', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://nope' })).toThrow(/配置无效 \/ invalid configuration:[\s\S]*PORT[\s\S]*DATABASE_URL/);
  });

  it('masks the database password in what it logs', () => {
    const masked = maskConfig(loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/onetrip' }));
    expect(JSON.stringify(masked)).not.toContain('s3cret');
    expect(masked.DATABASE_URL).toBe('postgres://app:***@db.internal:5432/onetrip');
  });

  it('allows the Electron kiosk origin always, the local web apps in demo mode, or exactly what CORS_ORIGINS says', () => {
    expect(corsOrigins(loadConfig({}))).toEqual(['onetrip://app']);
    expect(corsOrigins(loadConfig({ DEMO: '1' }))).toContain('http://127.0.0.1:7080');
    expect(corsOrigins(loadConfig({ DEMO: '1', CORS_ORIGINS: 'https://desk.example.gov.cn, onetrip://app' }))).toEqual(['https://desk.example.gov.cn', 'onetrip://app']);
  });
});
