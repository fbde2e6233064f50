// The browser client (browser/agent-client.ts) in real Chromium with the page's own WebSocket,
// against a real agent on 127.0.0.1 that allows the test page's origin. Reconnect timers are
// fired by hand (see browser/harness/agent-client.harness.ts).
import { launchChromium, type ChromiumSession } from '@onetrip/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHarness, type TestPage } from '../scanner/test-page';
import { createAgent, type Agent } from './agent';
import { AgentConfig } from './config';
import { fakePrinter, fakeReader } from './fake-devices';
import { startAgentServer, type AgentServer } from './server';
import { createToken, type AgentToken } from './token';

let dir: string;
let agent: Agent;
let server: AgentServer;
let token: AgentToken;
let page: TestPage;
let browser: ChromiumSession;
type Page = Awaited<ReturnType<ChromiumSession['context']['newPage']>>;

const start = (port = 0) => startAgentServer(agent, token, { host: '127.0.0.1', port, allowedOrigins: [page.origin] });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onetrip-client-'));
  agent = createAgent(AgentConfig.parse({ demo: true, stateDir: dir }), { buildDevices: async () => ({ idcard: fakeReader(), printer: fakePrinter(), scanners: [] }) });
  await agent.start();
  token = await createToken(dir);
  page = await serveHarness('agent-client.harness.ts');
  server = await start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await agent?.stop();
  await page?.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(tokenValue: string): Promise<Page> {
  const tab = await browser.context.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction('window.harness !== undefined');
  await tab.evaluate(`window.harness.connect(${JSON.stringify(server.url)}, ${JSON.stringify(tokenValue)})`);
  return tab;
}
const call = (tab: Page, method: string, params?: unknown) =>
  tab.evaluate<{ result?: unknown; error?: { code: string; zh: string; en: string } }>(`window.harness.call(${JSON.stringify(method)}, ${JSON.stringify(params ?? {})})`);

describe('browser agent client in Chromium', () => {
  it('calls methods, gets validated answers and bilingual errors, and receives events', async () => {
    const tab = await open(token.value);
    expect(await call(tab, 'health')).toMatchObject({ result: { demo: true, devices: [{ kind: 'idcard' }, { kind: 'printer' }] } });
    expect(await call(tab, 'demoPlaceCard', { card: 1 })).toEqual({ result: null });
    await tab.waitForFunction("window.harness.events.some((e) => e.event === 'card')");
    expect(await call(tab, 'print', { document: 'nope' })).toMatchObject({ error: { code: 'BAD_PARAMS', zh: '请求参数不正确' } });
    expect(await call(tab, 'demoScan', { code: 'x' })).toMatchObject({ error: { code: 'NO_DEVICE', en: expect.stringContaining('ask staff') } });
    await tab.close();
  });

  it('a wrong token ends in the refused state with BAD_TOKEN', async () => {
    const tab = await open('wrong-token-wrong-token');
    expect(await call(tab, 'health')).toMatchObject({ error: { code: 'BAD_TOKEN' } });
    expect(await tab.evaluate('window.harness.state()')).toBe('refused');
    await tab.close();
  });

  it('reconnects after the agent restarts, and a call made while it was down completes', async () => {
    const tab = await open(token.value);
    expect(await call(tab, 'health')).toHaveProperty('result');
    const port = server.port;
    await server.close();
    await tab.waitForFunction("window.harness.state() === 'closed'");
    const pending = call(tab, 'printerStatus');
    server = await start(port);
    await tab.evaluate('window.harness.fireShorterThan(5000)');
    expect(await pending).toMatchObject({ result: { paper: 'ok' } });
    expect(await tab.evaluate('window.harness.states')).toEqual(['open', 'closed', 'connecting', 'open']);
    await tab.close();
  });
});
