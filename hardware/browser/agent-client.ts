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

class SocketClient {
  state: AgentConnectionState = 'connecting';
  readonly listeners = new Set<(e: AgentEvent) => void>();
  private readonly pending = new Map<number, Pending>();
  private readonly WS: NonNullable<AgentClientOptions['WebSocket']>;
  private readonly timers: NonNullable<AgentClientOptions['timers']>;
  private ws: WebSocket | undefined;
  private nextId = 1;
  private backoff: number;
  private retry: unknown;
  private closedByUs = false;

  constructor(private readonly opts: AgentClientOptions) {
    this.WS = opts.WebSocket ?? globalThis.WebSocket;
    this.timers = opts.timers ?? defaultTimers;
    this.backoff = opts.reconnect?.initialMs ?? 500;
    this.open();
  }

  private setState(s: AgentConnectionState): void {
    if (s !== this.state) { this.state = s; this.opts.onState?.(s); }
  }

  private failAll(code: 'AGENT_UNAVAILABLE' | 'BAD_TOKEN'): void {
    for (const [id, p] of this.pending) { this.timers.clearTimeout(p.timer); p.reject(new AgentFailure(agentError(code))); this.pending.delete(id); }
  }

  private flush(): void {
    for (const p of this.pending.values()) if (!p.sent && this.ws) { this.ws.send(p.payload); p.sent = true; }
  }

  private parse(data: unknown): ServerMessage | undefined {
    if (typeof data !== 'string' || utf8Length(data) > MAX_MESSAGE_BYTES * 4) return undefined;
    try {
      const msg = ServerMessage.safeParse(JSON.parse(data));
      return msg.success ? msg.data : undefined;
    } catch {
      return undefined;
    }
  }

  private onMessage(data: unknown): void {
    const msg = this.parse(data);
    if (!msg) return;
    if ('ready' in msg) { this.backoff = this.opts.reconnect?.initialMs ?? 500; this.setState('open'); this.flush(); return; }
    if ('event' in msg) { const ev = AgentEvent.parse(msg); for (const l of [...this.listeners]) l(ev); return; }
    const p = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
    if (!p || typeof msg.id !== 'number') return;
    this.pending.delete(msg.id);
    this.timers.clearTimeout(p.timer);
    if ('error' in msg) { p.reject(new AgentFailure(msg.error)); return; }
    const result = METHODS[p.method].result.safeParse(msg.result);
    if (result.success) p.resolve(result.data);
    else p.reject(new AgentFailure(agentError('BAD_MESSAGE')));
  }

  private onClose(sock: WebSocket, code: number): void {
    if (this.ws !== sock) return;
    this.ws = undefined;
    for (const p of this.pending.values()) p.sent = false;
    if (code === CLOSE_CODES.badToken) { this.setState('refused'); this.failAll('BAD_TOKEN'); return; }
    this.setState('closed');
    if (this.closedByUs) { this.failAll('AGENT_UNAVAILABLE'); return; }
    this.retry = this.timers.setTimeout(() => { this.retry = undefined; this.open(); }, this.backoff);
    this.backoff = Math.min(this.opts.reconnect?.maxMs ?? 10_000, this.backoff * 2);
  }

  private open(): void {
    this.setState('connecting');
    const sock = new this.WS(this.opts.url, [PROTOCOL, TOKEN_PROTOCOL_PREFIX + this.opts.token]);
    this.ws = sock;
    sock.onmessage = (m) => this.onMessage(m.data);
    sock.onerror = () => undefined; // a close event always follows; reconnecting happens there
    sock.onclose = (e) => this.onClose(sock, e.code);
  }

  call(method: MethodName, params: unknown): Promise<unknown> {
    if (this.state === 'refused') return Promise.reject(new AgentFailure(agentError('BAD_TOKEN')));
    if (this.closedByUs || this.pending.size >= (this.opts.maxQueued ?? 100)) return Promise.reject(new AgentFailure(agentError('AGENT_UNAVAILABLE')));
    const checked = METHODS[method].params.safeParse(params ?? {});
    if (!checked.success) return Promise.reject(new AgentFailure(agentError('BAD_PARAMS')));
    const id = this.nextId++;
    const payload = JSON.stringify({ id, method, params: checked.data });
    if (utf8Length(payload) > MAX_MESSAGE_BYTES) return Promise.reject(new AgentFailure(agentError('MESSAGE_TOO_LARGE')));
    return new Promise((resolve, reject) => {
      const onTimeout = () => { this.pending.delete(id); reject(new AgentFailure(agentError('TIMEOUT'))); };
      const timer = this.timers.setTimeout(onTimeout, this.opts.requestTimeoutMs ?? 10_000);
      this.pending.set(id, { method, resolve, reject, timer, payload, sent: false });
      if (this.state === 'open') this.flush();
    });
  }

  close(): void {
    this.closedByUs = true;
    if (this.retry !== undefined) this.timers.clearTimeout(this.retry);
    this.ws?.close(1000);
    this.setState('closed');
    this.failAll('AGENT_UNAVAILABLE');
  }
}

export function connectAgent(opts: AgentClientOptions): AgentClient {
  const client = new SocketClient(opts);
  const methods = Object.fromEntries(METHOD_NAMES.map((m) => [m, (params?: unknown) => client.call(m, params)]));
  return {
    // Built from METHOD_NAMES, so every method of AgentApi is present; the cast names the shape.
    ...(methods as unknown as AgentApi),
    get state() { return client.state; },
    subscribe(listener) { client.listeners.add(listener); return () => client.listeners.delete(listener); },
    close: () => client.close(),
  };
}
