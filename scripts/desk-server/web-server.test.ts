import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '@onetrip/testkit';
import { loadDeskConfig } from './config';
import { resolveStatic, startDeskWebServer, type DeskWebServer } from './web-server';

describe('desk web server', () => {
  let dir: TempDir;
  let server: DeskWebServer;
  beforeAll(async () => {
    dir = await tempDir('desk-web');
    await mkdir(join(dir.path, 'dist', 'assets'), { recursive: true });
    await writeFile(join(dir.path, 'dist', 'index.html'), '<!doctype html><title>desk</title>');
    await writeFile(join(dir.path, 'secret.json'), '{"secret":true}');
    server = await startDeskWebServer({ rootDir: join(dir.path, 'dist'), port: 0, config: () => ({ serverUrl: 'http://127.0.0.1:7070' }) });
  });
  afterAll(async () => { await server?.close(); await dir?.cleanup(); });

  it('serves the app, /healthz and /config.json on loopback', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(server.url)).text()).toContain('<title>desk</title>');
    expect(await (await fetch(new URL('/hall', server.url))).text()).toContain('<title>desk</title>');
    expect(await (await fetch(new URL('/healthz', server.url))).json()).toEqual({ ok: true });
    expect(await (await fetch(new URL('/config.json', server.url))).json()).toEqual({ serverUrl: 'http://127.0.0.1:7070' });
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses paths that leave the build', async () => {
    // `..` is normalised away at the root: it can only name files inside the build
    expect(resolveStatic('/srv/dist', '/../secret.json')).toEqual({ ok: true, file: '/srv/dist/secret.json', mime: 'application/json' });
    expect(resolveStatic('/srv/dist', '/%2e%2e%2fsecret.json')).toEqual({ ok: false, status: 400 });
    expect(resolveStatic('/srv/dist', '/a%00.js')).toEqual({ ok: false, status: 400 });
    expect((await fetch(new URL('/..%2fsecret.json', server.url))).status).toBe(400);
    expect((await fetch(new URL('/missing.js', server.url))).status).toBe(404);
  });

  it('checks its configuration', () => {
    expect(loadDeskConfig({})).toMatchObject({ host: '127.0.0.1', port: 7090, serverUrl: 'http://127.0.0.1:7070', agentUrl: 'ws://127.0.0.1:7071/agent' });
    expect(() => loadDeskConfig({ ONETRIP_AGENT_URL: 'http://x' })).toThrow(/ws/);
    expect(() => loadDeskConfig({ ONETRIP_DESK_PORT: 'x' })).toThrow(/端口/);
    expect(() => loadDeskConfig({ ONETRIP_SERVER_URL: 'nope' })).toThrow(/地址/);
  });
});
