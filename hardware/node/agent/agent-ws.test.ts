// The agent over a real WebSocket on 127.0.0.1: token, validation, bounds and events.
// Demo mode, so every device is the real driver talking to its simulator: the reader and the
// scanner over socat ptys, the printer over TCP on 127.0.0.1.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, TOKEN_PROTOCOL_PREFIX } from '../../common/agent/protocol';
import { createAgent, type Agent } from './agent';
import { AgentConfig } from './config';
import { startAgentServer, type AgentServer } from './server';
import { connectClient } from './test-client';
import { createToken, type AgentToken } from './token';
import { MAX_IN_FLIGHT } from './ws-session';

let dir: string;
let agent: Agent;
let server: AgentServer;
let token: AgentToken;
const SAMPLE_RECEIPT = {
  kind: 'caseReceipt', siteName: '宁乡市玉潭街道便民服务中心', caseNumber: 'NX-2026-000123', itemName: '老年人优待证办理',
  applicant: { name: '张三', idNumber: '430182********1234' }, submittedAt: '2026-11-27T20:00',
  nextSteps: ['三个工作日内到村服务中心领取'], qrPayload: 'https://onetrip.example/r/NX-2026-000123',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onetrip-agent-'));
  const config = AgentConfig.parse({ demo: true, port: 0, stateDir: dir });
  agent = createAgent(config);
  await agent.start();
  token = await createToken(dir);
  server = await startAgentServer(agent, token, { host: '127.0.0.1', port: 0, authTimeoutMs: 2000 });
});

afterAll(async () => {
  await server?.close();
  await agent?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('agent token', () => {
  it('is written to a 0600 file in a 0700 state dir', async () => {
    expect((await stat(token.file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a wrong token in the subprotocol, the query or the first message with close code 4401', async () => {
    const viaProtocol = connectClient(server.url, { token: 'x'.repeat(43) });
    expect((await viaProtocol.closed).code).toBe(4401);
    const viaQuery = connectClient(`${server.url}?token=wrong`, { protocols: ['onetrip-agent.v1'] });
    expect((await viaQuery.closed).code).toBe(4401);
    const viaMessage = connectClient(server.url);
    await new Promise((r) => viaMessage.ws.once('open', r));
    viaMessage.ws.send(JSON.stringify({ auth: 'not-the-token-at-all' }));
    const closed = await viaMessage.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('bad token');
  });

  it('accepts the right token sent as the first message, and answers requests', async () => {
    const c = connectClient(server.url);
    await new Promise((r) => c.ws.once('open', r));
    c.ws.send(JSON.stringify({ auth: token.value }));
    expect(await c.next((m) => m.ready === true)).toMatchObject({ protocol: 'onetrip-agent.v1' });
    const health = await c.request('health');
    expect((health.result as { devices: { kind: string }[] }).devices.map((d) => d.kind).sort()).toEqual(['idcard', 'printer', 'scanner']);
    c.ws.close();
  });

  it('refuses a foreign browser origin and a rebinding Host before any upgrade', async () => {
    const foreign = connectClient(server.url, { token: token.value, headers: { origin: 'https://evil.example' } });
    const err = await new Promise<Error>((r) => foreign.ws.once('error', r));
    expect(err.message).toContain('403');
    // fetch() will not send a foreign Host header, node:http will (as a DNS-rebinding page's browser would).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port: server.port, path: '/healthz', headers: { host: `evil.example:${server.port}` } }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
    });
    expect(status).toBe(421);
  });
});

describe('agent requests', () => {
  it('answers malformed, unknown and ill-typed requests with errors and touches no device', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    c.ws.send('{not json');
    expect(await c.next((m) => m.id === null)).toMatchObject({ error: { code: 'BAD_MESSAGE' } });
    c.ws.send(JSON.stringify({ id: 7, method: 'print', params: { document: { kind: 'caseReceipt' } }, extra: 1 }));
    expect(await c.next((m) => m.id === 7)).toMatchObject({ error: { code: 'BAD_MESSAGE' } });
    expect(await c.request('format-disk')).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
    expect(await c.request('print', { document: 'not an object' })).toMatchObject({ error: { code: 'BAD_PARAMS' } });
    expect(await c.request('demoScan', { code: '' })).toMatchObject({ error: { code: 'BAD_PARAMS' } });
    const error = (await c.request('print', [1])).error as { message: { zh: string; en: string } };
    expect(error.message.zh).toMatch(/请求参数不正确/);
    expect(error.message.en).toMatch(/invalid/);
    expect(await c.request('demoPrinted')).toEqual({ id: expect.any(String), result: [] });
    c.ws.close();
  });

  it('answers an oversized message with MESSAGE_TOO_LARGE, closes on a huge one, and prints nothing', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    const big = JSON.stringify({ id: 1, method: 'print', params: { document: { kind: 'caseReceipt', pad: 'x'.repeat(MAX_MESSAGE_BYTES) } } });
    c.ws.send(big);
    expect(await c.next((m) => m.id === null)).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(await c.request('health')).toHaveProperty('result');
    c.ws.send('x'.repeat(MAX_MESSAGE_BYTES * 5));
    expect((await c.closed).code).toBe(1009);
    const again = connectClient(server.url, { token: token.value });
    await again.next((m) => m.ready === true);
    expect(await again.request('demoPrinted')).toMatchObject({ result: [] });
    again.ws.close();
  });

  it('answers requests beyond the in-flight bound with TOO_MANY_REQUESTS and runs the rest', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    // printerStatus waits for the printer's DLE EOT answers, so a burst keeps many in flight.
    for (let i = 0; i < MAX_IN_FLIGHT + 8; i++) c.ws.send(JSON.stringify({ id: i, method: 'printerStatus' }));
    const answers = await Promise.all(Array.from({ length: MAX_IN_FLIGHT + 8 }, (_, i) => c.next((m) => m.id === i)));
    const refused = answers.filter((a) => (a.error as { code?: string } | undefined)?.code === 'TOO_MANY_REQUESTS');
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => 'result' in a).length).toBeGreaterThanOrEqual(MAX_IN_FLIGHT);
    c.ws.close();
  });

  it('a card placed on the simulated reader arrives as a card event', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    await c.request('demoPlaceCard', { card: 0 });
    const card = await c.next((m) => m.event === 'card');
    expect(card).toMatchObject({ data: { readerId: 'idcard', identity: { cardType: 'resident' } } });
    expect((card.data as { identity: { idNumber: string } }).identity.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await c.request('demoPlaceCard', { card: 42 })).toMatchObject({ error: { code: 'BAD_PARAMS', message: { en: expect.stringContaining('demo cards') } } });
    await c.request('demoLiftCard');
    expect(await c.next((m) => m.event === 'cardRemoved')).toMatchObject({ data: { readerId: 'idcard' } });
    c.ws.close();
  });

  it('a scan on the simulated serial scanner arrives as a scan event', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    await c.request('demoScan', { code: 'R-2026-000123' });
    expect(await c.next((m) => m.event === 'scan')).toMatchObject({ data: { code: 'R-2026-000123', scannerId: 'scanner' } });
    c.ws.close();
  });

  it('print reaches the simulated printer, which decodes the receipt', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    expect(await c.request('print', { document: SAMPLE_RECEIPT })).toMatchObject({ result: { state: 'printed' } });
    const printed = (await c.request('demoPrinted')).result as { text: string; qrCodes: string[] }[];
    expect(printed.at(-1)?.text).toContain('NX-2026-000123');
    // the receipt's QR code is printed as a raster and read back from it
    expect(printed.at(-1)?.qrCodes).toContain(SAMPLE_RECEIPT.qrPayload);
    expect(printed.at(-1)?.text).toContain('老年人优待证办理');
    expect(await c.request('print', { document: { ...SAMPLE_RECEIPT, applicant: { name: '张三', idNumber: '430182199001011234' } } }))
      .toMatchObject({ error: { code: 'PRINTER_INVALID_RECEIPT' } });
    c.ws.close();
  });

  it('paper out: status and health say so, the receipt waits, and prints once paper is back', async () => {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    await c.request('demoSetPrinter', { paper: 'out' });
    expect(await c.request('printerStatus')).toMatchObject({ result: { ok: false, paper: 'out', error: { code: 'PRINTER_PAPER_OUT' } } });
    const printer = ((await c.request('health')).result as { devices: { kind: string; state: string; paper: string }[] }).devices.find((d) => d.kind === 'printer');
    expect(printer).toMatchObject({ state: 'degraded', paper: 'out' });
    const queued = await c.request('print', { document: { ...SAMPLE_RECEIPT, caseNumber: 'NX-2026-000777' } });
    expect(queued).toMatchObject({ result: { state: 'queued', error: { code: 'PRINTER_PAPER_OUT', message: { zh: expect.stringContaining('缺纸') } } } });
    await c.request('demoSetPrinter', { paper: 'ok' });
    const printed = (await c.request('demoPrinted')).result as { text: string }[];
    expect(printed.at(-1)?.text).toContain('NX-2026-000777');
    c.ws.close();
  });

  it('serves /healthz and the bilingual dev page', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, demo: true });
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('放卡 / place card');
    expect(html).toContain(token.value); // demo mode fills the token in
    expect(TOKEN_PROTOCOL_PREFIX).toBe('onetrip-token.');
  });
});
