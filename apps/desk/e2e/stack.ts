// The desk's end-to-end stack, each part real and on loopback: the sync server on PGlite (demo
// mode) as a child process, a fault-injecting TCP proxy in front of it, and two desk web servers
// for the same build: one talking to the server directly, one through the proxy (the desk whose
// network a test cuts). The server allows both desks' origins (CORS_ORIGINS).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, socatAvailable, startFaultProxy, startService, tempDir, type FaultProxy, type Service } from '@onetrip/testkit';
import { buildDesk } from '../../../scripts/desk-server/build';
import { startDeskWebServer, type DeskWebServer } from '../../../scripts/desk-server/web-server';

export const DEMO_PASSWORD = 'onetrip-demo';

export interface DeskStack {
  serverUrl: string;
  enrollmentCode: string;
  server: Service;
  proxy: FaultProxy;
  /** The desk that talks to the server directly. */
  desk: DeskWebServer;
  /** The desk whose traffic goes through `proxy`. */
  cutDesk: DeskWebServer;
  /** Two desks, each behind its own proxy (two devices a test takes offline separately). */
  cutDesks: { proxy: FaultProxy; desk: DeskWebServer }[];
  /** The hardware agent with simulated devices (when asked for and socat exists); the direct desk offers it. */
  agent: { service: Service; url: string; token(): Promise<string> } | null;
  stop(): Promise<void>;
}

export async function startDeskStack(opts: { agent?: boolean } = {}): Promise<DeskStack> {
  const dir = await tempDir('desk-e2e');
  const [serverPort, deskPort, cutPort0, cutPort1] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const origins = [deskPort, cutPort0, cutPort1].map((p) => `http://127.0.0.1:${p}`).join(',');
  const [root, server] = await Promise.all([
    buildDesk({ outDir: join(dir.path, 'dist') }),
    startService('sync-server', 'sync-server/src/main.ts', {
      DEMO: '1', PORT: String(serverPort), HOST: '127.0.0.1', DATA_DIR: join(dir.path, 'server'), SCRYPT_LOG_N: '10',
      CORS_ORIGINS: origins, HEARTBEAT_MS: '2000', RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn',
    }, `${serverUrl}/healthz`),
  ]);
  const enrollmentCode = /enrollment code: (\S+)/.exec(server.output())?.[1] ?? '';
  const agent = opts.agent && socatAvailable() === null ? await startAgent(dir.path) : null;
  // names of items and regions are pulled every 2 s here (60 s by default), so a rename shows within a test's wait
  const desk = await startDeskWebServer({ rootDir: root, port: deskPort, config: async () => ({ serverUrl, catalogueRefreshMs: 2_000, ...(agent ? { agent: { url: agent.url, token: await agent.token() } } : {}) }) });
  const cutDesks = await Promise.all([cutPort0, cutPort1].map(async (port) => {
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: serverPort } });
    return { proxy, desk: await startDeskWebServer({ rootDir: root, port, config: () => ({ serverUrl: proxy.url, catalogueRefreshMs: 2_000 }) }) };
  }));
  const [first] = cutDesks as [{ proxy: FaultProxy; desk: DeskWebServer }];
  return {
    serverUrl, enrollmentCode, server, proxy: first.proxy, desk, cutDesk: first.desk, cutDesks, agent,
    async stop() {
      await agent?.service.stop();
      await desk.close();
      for (const c of cutDesks) { await c.desk.close(); await c.proxy.close(); }
      await server.stop();
      await dir.cleanup();
    },
  };
}

async function startAgent(dir: string): Promise<NonNullable<DeskStack['agent']>> {
  const port = await freePort();
  const service = await startService('agent', 'hardware/node/agent/main.ts', {
    DEMO: '1', ONETRIP_HW_PORT: String(port), ONETRIP_HW_STATE_DIR: join(dir, 'agent'),
  }, `http://127.0.0.1:${port}/healthz`);
  return { service, url: `ws://127.0.0.1:${port}/agent`, token: async () => (await readFile(join(dir, 'agent', 'agent-token'), 'utf8')).trim() };
}

/** Calls one of the agent's methods from a page (the demo controls place and lift cards). */
export async function agentCall(page: Page, agent: NonNullable<DeskStack['agent']>, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const token = await agent.token();
  return page.evaluate(({ url, token, method, params }) => new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['onetrip-agent.v1', `onetrip-token.${token}`]);
    ws.onerror = () => reject(new Error('agent socket error'));
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method, params }));
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id !== 1) return;
      ws.close();
      if (msg.error) reject(new Error(JSON.stringify(msg.error))); else resolve(msg.result);
    };
  }), { url: agent.url, token, method, params });
}

/** Signs in on the desk page and waits for the workspace. */
export async function signInAt(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('sync-status').waitFor({ timeout: 60_000 });
}

/** Opens a case from the inbox once replication has brought it. */
export async function openCase(page: Page, caseId: string, timeout = 60_000): Promise<void> {
  await page.getByRole('button', { name: '待办件' }).click();
  await page.getByLabel('状态').selectOption('');
  await page.locator(`tr[data-case-id="${caseId}"]`).click({ timeout });
  await page.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
}

/** Runs one action from the case page's action panel, with a note or reason when given. */
export async function act(page: Page, action: string, note?: string, prepare?: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  const panel = page.getByRole('region', { name: '办理' });
  await panel.getByRole('button', { name: action, exact: true }).click();
  const form = panel.locator('form.action-form');
  await prepare?.(form);
  if (note !== undefined) await form.locator('textarea').fill(note);
  await form.getByRole('button', { name: '确定' }).click();
  // done when the form closes; a refusal shows the domain's message instead
  const refused = panel.getByRole('alert');
  await Promise.race([form.waitFor({ state: 'detached' }), refused.waitFor().then(async () => { throw new Error(`${action} refused: ${await refused.textContent()}`); })]);
}

export async function expectStatus(page: Page, text: string, timeout = 60_000): Promise<void> {
  await page.getByTestId('case-status').filter({ hasText: text }).waitFor({ timeout });
}
