// `npm run bench -- kiosk`: the kiosk renderer in web mode, measured in Chromium.
//  1. cold start: navigation → the attract screen is on screen and live, each round in a fresh
//     Chromium profile (empty cache and IndexedDB), against an empty Vite + React page built with
//     the same vite, plugin-react and react versions and served by the same kiosk web server;
//  2. the initial JavaScript (the entry script and its module preloads), gzipped;
//  3. card placed → form filled (the applicant's name on the form), through the real agent with
//     the reader simulator on a pty, against the reader's wire-and-auth floor.
// The kiosk's node modules and the reader bench's byte count are loaded through computed URLs (as
// bench/reader.ts does): bench/tsconfig.json references neither project, so they are typed by the
// interfaces below.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { freePort, launchChromium, startService, tempDir, waitFor, type Service } from '@onetrip/testkit';

const COLD_ROUNDS = 5;
const CARD_ROUNDS = 8;
const BAUD = 115200;
const AUTH_MS = 300;
const repo = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => process.stderr.write(`kiosk bench: ${line}\n`);

interface WebServer { url: string; close(): Promise<void> }
interface KioskNode {
  startWebServer(opts: { rootDir: string; port: number; config: () => Promise<unknown> }): Promise<WebServer>;
}
interface KioskStateNode { openKioskState(dir: string): { webReplicaKey(): Uint8Array } }
interface Enrollment { deviceId: string; token: string; siteId: string; regionCode: string }
interface EnrollmentNode { enrollKiosk(opts: { serverUrl: string; code: string; state: unknown }): Promise<Enrollment> }
interface ReaderBenchNode { cycleBytes(): number }

const load = <T>(rel: string) => import(new URL(rel, import.meta.url).href) as Promise<T>;
/** A predicate run in the page (a function: the kiosk's CSP forbids evaluating strings there). */
const isSet = (k: string) => (globalThis as unknown as Record<string, unknown>)[k] !== undefined;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

/** Builds the kiosk renderer and an empty React page with the same toolchain into `dir`. */
async function buildBoth(dir: string): Promise<{ ours: string; peer: string }> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const ours = join(dir, 'ours');
  await build({ configFile: join(repo, 'kiosk', 'vite.config.ts'), logLevel: 'warn', build: { outDir: ours, emptyOutDir: true } });
  const src = join(dir, 'peer-src');
  await mkdir(src, { recursive: true });
  await writeFile(join(src, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>peer</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>');
  await writeFile(join(src, 'main.jsx'), "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<button type=\"button\" className=\"attract\" onClick={() => undefined}>开始</button>);\n");
  // the peer lives outside the repo: point react at the kiosk's own copies so the versions match
  const fromKiosk = createRequire(join(repo, 'kiosk', 'package.json'));
  const pkgDir = (name: string) => dirname(fromKiosk.resolve(`${name}/package.json`));
  const peer = join(dir, 'peer');
  await build({
    configFile: false, root: src, base: './', logLevel: 'warn', plugins: [react()],
    resolve: { alias: [{ find: /^react-dom(\/.*)?$/, replacement: `${pkgDir('react-dom')}$1` }, { find: /^react(\/.*)?$/, replacement: `${pkgDir('react')}$1` }] },
    build: { outDir: peer, emptyOutDir: true },
  });
  return { ours, peer };
}

/** Bytes of the initial JavaScript (entry script and module preloads), each gzipped. */
async function initialJsGzip(distDir: string): Promise<number> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  let total = 0;
  for (const f of new Set(files)) total += gzipSync(new Uint8Array(await readFile(join(distDir, f)))).length;
  return total;
}

interface Backends { server: Service; agent: Service; serverUrl: string; agentUrl: string; tokenFile: string; code: string }

async function startBackends(dir: string, origin: string): Promise<Backends> {
  const [serverPort, agentPort] = [await freePort(), await freePort()];
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const server = await startService('sync-server', 'sync-server/src/main.ts', {
    DEMO: '1', PORT: String(serverPort), HOST: '127.0.0.1', DATA_DIR: join(dir, 'server'), SCRYPT_LOG_N: '10', CORS_ORIGINS: origin,
  }, `${serverUrl}/healthz`);
  const code = /enrollment code: (\S+)/.exec(server.output())?.[1];
  if (!code) { await server.stop(); throw new Error(`no enrollment code in the server's output:\n${server.output()}`); }
  const agent = await startService('agent', 'hardware/node/agent/main.ts', {
    DEMO: '1', ONETRIP_HW_PORT: String(agentPort), ONETRIP_HW_STATE_DIR: join(dir, 'agent'), ONETRIP_HW_ALLOWED_ORIGINS: origin,
  }, `http://127.0.0.1:${agentPort}/healthz`);
  return { server, agent, serverUrl, agentUrl: `ws://127.0.0.1:${agentPort}/agent`, tokenFile: join(dir, 'agent', 'agent-token'), code };
}

/** Enrolls a kiosk state dir with the server and returns the runtime config web mode would serve. */
async function kioskConfig(dir: string, b: Backends): Promise<Record<string, unknown>> {
  const { openKioskState } = await load<KioskStateNode>('../kiosk/node/kiosk-state.ts');
  const { enrollKiosk } = await load<EnrollmentNode>('../kiosk/node/enrollment.ts');
  const state = openKioskState(join(dir, 'kiosk'));
  const e = await enrollKiosk({ serverUrl: b.serverUrl, code: b.code, state });
  const token = (await readFile(b.tokenFile, 'utf8')).trim();
  return {
    mode: 'web', serverUrl: b.serverUrl, agent: { url: b.agentUrl, token },
    site: { id: e.siteId, name: { zh: '基准测试', en: 'bench' }, phone: '0731-00000000' },
    device: { deviceId: e.deviceId, token: e.token, siteId: e.siteId, regionCode: e.regionCode },
    replicaKey: Buffer.from(state.webReplicaKey()).toString('base64'), idle: { warnAfterMs: 600_000, wipeAfterMs: 900_000 },
  };
}

/** Records, in the page's own clock, when `selector` first exists (ms since navigation start). */
const markWhenPresent = (selector: string, key: string, clock: 'performance' | 'date') => `(() => {
  const now = () => ${clock === 'performance' ? 'performance.now()' : 'Date.now()'};
  const check = () => { if (window.${key} === undefined && document.querySelector(${JSON.stringify(selector)})) window.${key} = now(); };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  check();
})()`;

async function coldStart(url: string, selector: string): Promise<number> {
  const session = await launchChromium();
  try {
    const page = await session.context.newPage();
    await page.addInitScript(markWhenPresent(selector, '__interactiveAt', 'performance'));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(isSet, '__interactiveAt', { timeout: 60_000 });
    const at = await page.evaluate('window.__interactiveAt') as number;
    // where the time went: when the scripts and the runtime config had arrived (to stderr only)
    const loaded = await page.evaluate(`performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.responseEnd)])`) as [string, number][];
    log(`  ${url}: ${loaded.map(([n, t]) => `${n} ${t} ms`).join(', ')}; interactive ${Math.round(at)} ms`);
    return at;
  } finally { await session.close(); }
}

interface AgentClient { call(method: string, params?: Record<string, unknown>): Promise<unknown>; close(): void }

async function agentClient(url: string, token: string): Promise<AgentClient> {
  const ws = new WebSocket(url, ['onetrip-agent.v1', `onetrip-token.${token}`]);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const waiting = new Map<number, (msg: Record<string, unknown>) => void>();
  ws.on('message', (d) => { const msg = JSON.parse(String(d)) as Record<string, unknown>; waiting.get(msg.id as number)?.(msg); });
  let next = 1;
  return {
    async call(method, params = {}) {
      const id = next++;
      const reply = new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
      ws.send(JSON.stringify({ id, method, params }));
      const msg = await reply;
      waiting.delete(id);
      if ('error' in msg) throw new Error(JSON.stringify(msg.error));
      return msg.result;
    },
    close: () => ws.close(),
  };
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>['context']['newPage']>>;

/** One round: open the apply journey for 老年证办理, place the card, time until the name is on the form. */
async function cardRound(page: Page, agent: AgentClient): Promise<number> {
  await agent.call('demoLiftCard');
  const attract = page.locator('button.attract');
  if (await attract.isVisible()) await attract.click();
  else await page.getByRole('button', { name: '首页' }).click();
  await page.getByLabel('搜索').fill('lnz');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('button', { name: /老年证办理/ }).click();
  await page.getByRole('button', { name: '在本机申请' }).click();
  await page.getByText('请将身份证放在读卡区').waitFor();
  await page.evaluate(`window.__formAt = undefined; ${markWhenPresent('.applicant strong', '__formAt', 'date')}`);
  const placed = Date.now();
  await agent.call('demoPlaceCard', { card: 0 });
  await page.waitForFunction(isSet, '__formAt', { timeout: 30_000 });
  return (await page.evaluate('window.__formAt') as number) - placed;
}

async function cardToForm(url: string, b: Backends): Promise<number[]> {
  const session = await launchChromium();
  const agent = await agentClient(b.agentUrl, (await readFile(b.tokenFile, 'utf8')).trim());
  try {
    const page = await session.context.newPage();
    await page.goto(url);
    await page.locator('button.attract').waitFor({ timeout: 60_000 });
    const took: number[] = [];
    for (let round = 0; round < CARD_ROUNDS; round++) {
      took.push(await cardRound(page, agent));
      log(`card → form round ${round + 1}/${CARD_ROUNDS}: ${took.at(-1)} ms`);
    }
    return took;
  } finally { agent.close(); await session.close(); }
}

async function measureColdStarts(ours: WebServer, peer: WebServer): Promise<{ ours: number[]; peer: number[] }> {
  const times = { ours: [] as number[], peer: [] as number[] };
  // warm the machine's file cache and Chromium's binary once, untimed
  await coldStart(peer.url, 'button.attract');
  for (let round = 0; round < COLD_ROUNDS; round++) {
    times.ours.push(await coldStart(ours.url, 'button.attract'));
    times.peer.push(await coldStart(peer.url, 'button.attract'));
    log(`cold start round ${round + 1}/${COLD_ROUNDS}: ours ${times.ours.at(-1)?.toFixed(0)} ms, peer ${times.peer.at(-1)?.toFixed(0)} ms`);
  }
  return times;
}

function report(cold: { ours: number[]; peer: number[] }, jsBytes: number, card: number[], floorMs: number): string[] {
  const [o, p, c] = [median(cold.ours), median(cold.peer), median(card)];
  return [
    `kiosk cold start to interactive attract screen, median of ${COLD_ROUNDS} fresh profiles (peer: empty Vite + React page, same server): ours ${o.toFixed(0)} ms, peer ${p.toFixed(0)} ms, ratio ${(o / p).toFixed(2)}`,
    `kiosk cold start ratio to the empty React page: ours ${(o / p).toFixed(2)} x, target 1.5 x`,
    `kiosk initial JavaScript gzipped: ours ${(jsBytes / 1024).toFixed(1)} KB, target 400 KB`,
    `kiosk card placed → form filled, median of ${CARD_ROUNDS} (peer: reader wire + auth floor): ours ${c.toFixed(0)} ms, peer ${floorMs.toFixed(1)} ms, ratio ${(c / floorMs).toFixed(2)}`,
    `kiosk card placed → form filled above the floor: ours ${(c - floorMs).toFixed(0)} ms, target 150 ms`,
  ];
}

export async function run(): Promise<string[]> {
  const dir = await tempDir('kiosk-bench');
  const { startWebServer } = await load<KioskNode>('../kiosk/node/web-server.ts');
  const { cycleBytes } = await load<ReaderBenchNode>('../hardware/node/idcard/reader-bench.ts');
  const [oursPort, peerPort] = [await freePort(), await freePort()];
  let backends: Backends | undefined;
  const servers: WebServer[] = [];
  try {
    log('building the kiosk renderer and the empty React page');
    const dist = await buildBoth(dir.path);
    backends = await startBackends(dir.path, `http://127.0.0.1:${oursPort}`);
    const config = await kioskConfig(dir.path, backends);
    const ours = await startWebServer({ rootDir: dist.ours, port: oursPort, config: async () => config });
    servers.push(ours);
    const peer = await startWebServer({ rootDir: dist.peer, port: peerPort, config: async () => ({}) });
    servers.push(peer);
    await waitFor(() => fetch(`${ours.url}healthz`).then((r) => r.ok, () => false), { description: 'the kiosk web server' });
    const cold = await measureColdStarts(ours, peer);
    const card = await cardToForm(ours.url, backends);
    const floorMs = (cycleBytes() * 10 * 1000) / BAUD + AUTH_MS;
    return report(cold, await initialJsGzip(dist.ours), card, floorMs);
  } finally {
    for (const s of servers) await s.close();
    await backends?.agent.stop();
    await backends?.server.stop();
    await dir.cleanup();
  }
}
