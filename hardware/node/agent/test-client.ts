// Test helper: a WebSocket client that queues every message, so tests wait for the one they
// expect (by predicate) instead of sleeping.
import WebSocket from 'ws';
import { PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../common/agent/protocol';

export interface TestClient {
  ws: WebSocket;
  next(accept?: (msg: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}

export function connectClient(url: string, opts: { token?: string; protocols?: string[]; headers?: Record<string, string> } = {}): TestClient {
  const protocols = opts.protocols ?? [PROTOCOL, ...(opts.token ? [TOKEN_PROTOCOL_PREFIX + opts.token] : [])];
  const ws = new WebSocket(url, protocols, { headers: opts.headers });
  const queue: Record<string, unknown>[] = [];
  const waiters: { accept: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as Record<string, unknown>;
    const w = waiters.findIndex((x) => x.accept(msg));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(msg);
    else queue.push(msg);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on('error', () => undefined);
  let n = 0;
  const next = (accept: (m: Record<string, unknown>) => boolean = () => true) => {
    const i = queue.findIndex(accept);
    if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]!);
    return new Promise<Record<string, unknown>>((resolve) => waiters.push({ accept, resolve }));
  };
  return {
    ws,
    next,
    closed,
    async request(method, params) {
      const id = `t${++n}`;
      if (ws.readyState === ws.CONNECTING) await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ id, method, params }));
      return next((m) => m.id === id);
    },
  };
}
