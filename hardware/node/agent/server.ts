// The agent's standalone face: HTTP + WebSocket on loopback.
//   GET /healthz  → 200 when the agent runs (for `npm start` and monitors)
//   GET /         → the bilingual dev page
//   WS  /agent    → the protocol (common/agent/protocol.ts), after the per-boot token
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../common/agent/protocol';
import type { Agent } from './agent';
import { renderDevPage } from './dev-page';
import type { AgentToken } from './token';
import { handleConnection } from './ws-session';

export interface AgentServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  host: string;
  port: number;
  /** Extra origins allowed to open the WebSocket (e.g. the kiosk's app:// origin). */
  allowedOrigins?: readonly string[];
  /** How long an unauthenticated socket may wait before sending the token. */
  authTimeoutMs?: number;
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** DNS-rebinding guard: the Host header must name this loopback port. */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return LOCAL_HOSTS.some((h) => host === `${h}:${port}`);
}

/** Browsers always send Origin: pages served from loopback (any port: the kiosk's web mode, the
 *  dev page) and configured extras may connect; any other web page is refused before the token
 *  is even looked at. Native clients send no Origin. */
export function originAllowed(origin: string | undefined, extra: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (extra.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

function tokenFromRequest(req: IncomingMessage): string | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  const fromProtocol = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  return fromProtocol ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(body);
}

async function httpHandler(agent: Agent, token: AgentToken, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostAllowed(req, port)) return send(res, 421, 'text/plain; charset=utf-8', '仅限本机访问 / loopback only\n');
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', '不支持的方法 / method not allowed\n');
  if (path === '/healthz') {
    const report = await agent.health().catch(() => undefined);
    const body = { ok: Boolean(report), demo: agent.config.demo, devices: report?.devices.map((d) => ({ id: d.id, kind: d.kind, state: d.state })) ?? [] };
    return send(res, report ? 200 : 503, 'application/json', JSON.stringify(body));
  }
  if (path === '/') {
    const page = renderDevPage({ demo: agent.config.demo, token: agent.config.demo ? token.value : undefined, port });
    return send(res, 200, 'text/html; charset=utf-8', page.html, { 'content-security-policy': page.csp });
  }
  return send(res, 404, 'text/plain; charset=utf-8', '未找到 / not found\n');
}

export async function startAgentServer(agent: Agent, token: AgentToken, opts: ServerOptions): Promise<AgentServer> {
  const wss = new WebSocketServer({
    noServer: true,
    // Messages up to 4× the limit get a MESSAGE_TOO_LARGE answer; beyond that ws closes with 1009.
    maxPayload: MAX_MESSAGE_BYTES * 4,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  let port = opts.port;
  const server: Server = createServer((req, res) => {
    httpHandler(agent, token, port, req, res).catch((err) => { console.error('agent http', err); if (!res.headersSent) send(res, 500, 'text/plain', 'error\n'); });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/agent' || !hostAllowed(req, port) || !originAllowed(req.headers.origin, opts.allowedOrigins ?? [])) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    const offered = tokenFromRequest(req);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => handleConnection(agent, token, ws, offered, opts.authTimeoutMs ?? 5000));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `ws://${hostForUrl}:${port}/agent`,
    async close() {
      for (const ws of wss.clients) ws.close(1001, 'agent stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
