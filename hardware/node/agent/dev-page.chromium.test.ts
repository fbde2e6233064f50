// The dev page at GET / in real Chromium against a demo agent: it connects with the token the
// page carries in demo mode (CSP and all), shows device health, places a card and prints.
import { launchChromium, type ChromiumSession } from '@onetrip/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from './agent';
import { AgentConfig } from './config';
import { startAgentServer, type AgentServer } from './server';
import { createToken } from './token';

let dir: string;
let agent: Agent;
let server: AgentServer;
let browser: ChromiumSession;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onetrip-devpage-'));
  agent = createAgent(AgentConfig.parse({ demo: true, stateDir: dir }));
  await agent.start();
  server = await startAgentServer(agent, await createToken(dir), { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await agent?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('dev page', () => {
  it('shows device health and drives the demo reader and printer', async () => {
    const tab = await browser.context.newPage();
    const cspErrors: string[] = [];
    tab.on('console', (m) => { if (m.type() === 'error') cspErrors.push(m.text()); });
    await tab.goto(`http://127.0.0.1:${server.port}/`);
    await tab.locator('#devices tr').nth(2).waitFor();
    expect(await tab.locator('#devices').innerText()).toMatch(/idcard[\s\S]*printer[\s\S]*scanner/);
    await tab.click('#place');
    await tab.locator('#log li', { hasText: /^.*card \{/ }).first().waitFor();
    await tab.click('#print');
    await tab.locator('#log li', { hasText: 'print: printed' }).waitFor();
    expect(cspErrors).toEqual([]);
    await tab.close();
  });
});
