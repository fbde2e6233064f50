// Test page for the agent client in Chromium: the page's own WebSocket, and timers the test
// fires by hand so reconnecting is tested without waiting.
import { connectAgent, type AgentClient, type AgentConnectionState } from '../agent-client';
import type { AgentEvent } from '../../common/agent/protocol';

const due = new Map<number, { fn: () => void; ms: number }>();
let n = 0;
const timers = {
  setTimeout: (fn: () => void, ms: number) => { due.set(++n, { fn, ms }); return n; },
  clearTimeout: (h: unknown) => { due.delete(h as number); },
};
const states: AgentConnectionState[] = [];
const events: AgentEvent[] = [];
let client: AgentClient | undefined;

function connect(url: string, token: string) {
  client = connectAgent({ url, token, timers, onState: (s) => states.push(s) });
  client.subscribe((e) => events.push(e));
}

async function call(method: string, params?: unknown): Promise<unknown> {
  try {
    const fn = (client as unknown as Record<string, (p?: unknown) => Promise<unknown>>)[method]!;
    return { result: await fn(params) };
  } catch (err) {
    const e = err as { code?: string; zh?: string; en?: string };
    return { error: { code: e.code, zh: e.zh, en: e.en } };
  }
}

/** Fire the timers set for less than `ms`: the reconnect backoff, not the request timeouts. */
function fireShorterThan(ms: number) {
  for (const [id, t] of [...due]) if (t.ms < ms) { due.delete(id); t.fn(); }
}

Object.assign(window, { harness: { connect, call, fireShorterThan, states, events, state: () => client?.state } });
