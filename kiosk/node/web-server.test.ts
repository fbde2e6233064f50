// The web-mode host checks the maintenance PIN itself: the page posts what was typed, the PIN
// is never in /config.json, wrong tries lock it, and other origins may not ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '@onetrip/testkit';
import type { KioskRuntimeConfig } from '../common/bridge';
import { createPinGate } from '../common/pin-gate';
import { startWebServer, type WebServer } from './web-server';

const PIN = '731946';
let dir: TempDir;
let server: WebServer;

beforeAll(async () => {
  dir = await tempDir('kiosk-web');
  const gate = createPinGate({ pin: PIN, now: () => Date.now(), maxTries: 3 });
  const config = { mode: 'web', serverUrl: 'http://127.0.0.1:1', site: { id: 's', name: { zh: '站', en: 'site' }, phone: '1' }, device: null, replicaKey: 'AA==', idle: { warnAfterMs: 1, wipeAfterMs: 2 } } satisfies KioskRuntimeConfig;
  server = await startWebServer({ rootDir: dir.path, port: 0, config: async () => config, checkPin: (pin) => gate.check(pin) });
});
afterAll(async () => { await server?.close(); await dir?.cleanup(); });

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(new URL('maintenance/pin', server.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('web mode: maintenance PIN checked by the host', () => {
  it('never serves the PIN to the page', async () => {
    expect(await (await fetch(new URL('config.json', server.url))).text()).not.toContain(PIN);
  });

  it('refuses other origins and malformed bodies without counting them', async () => {
    expect((await post(JSON.stringify({ pin: PIN }), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ pin: 1234 }))).status).toBe(400);
    expect((await post(JSON.stringify({ pin: '1'.repeat(13) }))).status).toBe(400);
  });

  it('answers ok for the right PIN, counts wrong ones down, then locks even the right one', async () => {
    const right = await post(JSON.stringify({ pin: PIN }));
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ ok: true });
    const wrong = await post(JSON.stringify({ pin: '0000' }));
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ ok: false, code: 'PIN_WRONG', triesLeft: 2, message: { zh: expect.stringContaining('密码错误') } });
    await post(JSON.stringify({ pin: '0000' }));
    expect(await (await post(JSON.stringify({ pin: '0000' }))).json()).toMatchObject({ code: 'PIN_LOCKED' });
    expect(await (await post(JSON.stringify({ pin: PIN }))).json()).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
  });
});
