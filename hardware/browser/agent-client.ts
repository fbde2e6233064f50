// AgentApi over the agent's WebSocket, for a renderer without the Electron bridge (a Chromium
// kiosk, the dev page, tests). No Node: the WebSocket constructor and timers are the page's own
// unless injected. Reconnects with capped backoff; calls made while disconnected wait (bounded)
// until the agent is back or their timeout passes. Messages are validated with zod both ways.
import { agentError, AgentFailure } from '../common/agent/errors';
import type { AgentApi } from '../common/agent/api';
import {
  AgentEvent, CLOSE_CODES, MAX_MESSAGE_BYTES, METHOD_NAMES, METHODS, PROTOCOL, ServerMessage, TOKEN_PROTOCOL_PREFIX,
  utf8Length, type MethodName,
} from '../common/agent/protocol';

export type AgentConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

export interface AgentClientOptions {
  url: string;
  token: string;
  /** WebSocket constructor; default globalThis.WebSocket. */
  WebSocket?: new (url: string, protocols: string[]) => WebSocket;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  requestTimeoutMs?: number;
  reconnect?: { initialMs?: number; maxMs?: number };
  /** Calls waiting for a connection, at most. */
  maxQueued?: number;
  onState?: (state: AgentConnectionState) => void;
}

export interface AgentClient extends AgentApi {
  readonly state: AgentConnectionState;
  close(): void;
}

interface Pending { method: MethodName; resolve(v: unknown): void; reject(e: Error): void; timer: unknown; payload: string; sent: boolean }

const defaultTimers = {
  setTimeout: (fn: () => void, ms: number): unknown => globalThis.setTimeout(fn, ms),
  clearTimeout: (h: unknown) => globalThis.clearTimeout(h as number),
};

export function connectAgent(opts: AgentClientOptions): AgentClient {
  const WS = opts.WebSocket ?? globalThis.WebSocket;
  const timers = opts.timers ?? defaultTimers;
  const { initialMs = 500, maxMs = 10_000 } = opts.reconnect ?? {};
  const listeners = new Set<(e: AgentEvent) => void>();
  const pending = new Map<number, Pending>();
  let ws: WebSocket | undefined;
  let state: AgentConnectionState = 'connecting';
  let nextId = 1;
  let backoff = initialMs;
  let retry: unknown;
  let closedByUs = false;

  const setState = (s: AgentConnectionState) => { if (s !== state) { state = s; opts.onState?.(s); } };
  const failAll = (code: 'AGENT_UNAVAILABLE' | 'BAD_TOKEN') => {
    for (const [id, p] of pending) { timers.clearTimeout(p.timer); p.reject(new AgentFailure(agentError(code))); pending.delete(id); }
  };
  const flush = () => { for (const p of pending.values()) if (!p.sent && ws) { ws.send(p.payload); p.sent = true; } };

  function onMessage(data: unknown) {
    if (typeof data !== 'string' || utf8Length(data) > MAX_MESSAGE_BYTES * 4) return;
    let parsed: ServerMessage;
    try {
      const msg = ServerMessage.safeParse(JSON.parse(data));
      if (!msg.success) return;
      parsed = msg.data;
    } catch { return; }
    if ('ready' in parsed) { backoff = initialMs; setState('open'); flush(); return; }
    if ('event' in parsed) { const ev = AgentEvent.parse(parsed); for (const l of [...listeners]) l(ev); return; }
    const p = typeof parsed.id === 'number' ? pending.get(parsed.id) : undefined;
    if (!p || parsed.id === null || typeof parsed.id !== 'number') return;
    pending.delete(parsed.id);
    timers.clearTimeout(p.timer);
    if ('error' in parsed) { p.reject(new AgentFailure(parsed.error)); return; }
    const result = METHODS[p.method].result.safeParse(parsed.result);
    if (result.success) p.resolve(result.data);
    else p.reject(new AgentFailure(agentError('BAD_MESSAGE')));
  }

  function open() {
    setState('connecting');
    const sock = new WS(opts.url, [PROTOCOL, TOKEN_PROTOCOL_PREFIX + opts.token]);
    ws = sock;
    sock.onmessage = (m) => onMessage(m.data);
    sock.onerror = () => undefined; // a close event always follows; reconnecting happens there
    sock.onclose = (e) => {
      if (ws !== sock) return;
      ws = undefined;
      for (const p of pending.values()) p.sent = false;
      if (e.code === CLOSE_CODES.badToken) { setState('refused'); failAll('BAD_TOKEN'); return; }
      if (closedByUs) { setState('closed'); failAll('AGENT_UNAVAILABLE'); return; }
      setState('closed');
      retry = timers.setTimeout(() => { retry = undefined; open(); }, backoff);
      backoff = Math.min(maxMs, backoff * 2);
    };
  }

  function call(method: MethodName, params: unknown): Promise<unknown> {
    if (state === 'refused') return Promise.reject(new AgentFailure(agentError('BAD_TOKEN')));
    if (closedByUs || pending.size >= (opts.maxQueued ?? 100)) return Promise.reject(new AgentFailure(agentError('AGENT_UNAVAILABLE')));
    const checked = METHODS[method].params.safeParse(params ?? {});
    if (!checked.success) return Promise.reject(new AgentFailure(agentError('BAD_PARAMS')));
    const id = nextId++;
    const payload = JSON.stringify({ id, method, params: checked.data });
    if (utf8Length(payload) > MAX_MESSAGE_BYTES) return Promise.reject(new AgentFailure(agentError('MESSAGE_TOO_LARGE')));
    return new Promise((resolve, reject) => {
      const timer = timers.setTimeout(() => { pending.delete(id); reject(new AgentFailure(agentError('TIMEOUT'))); }, opts.requestTimeoutMs ?? 10_000);
      pending.set(id, { method, resolve, reject, timer, payload, sent: false });
      if (state === 'open') flush();
    });
  }

  open();
  const methods = Object.fromEntries(METHOD_NAMES.map((m) => [m, (params?: unknown) => call(m, params)]));
  return {
    ...(methods as unknown as AgentApi),
    get state() { return state; },
    subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    close() {
      closedByUs = true;
      if (retry !== undefined) timers.clearTimeout(retry);
      ws?.close(1000);
      setState('closed');
      failAll('AGENT_UNAVAILABLE');
    },
  };
}
