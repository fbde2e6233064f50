// One WebSocket client: authenticate with the per-boot token (from the subprotocol, the query
// or a first { auth } message), then answer requests and forward events. A wrong token closes
// the socket with 4401; a client that sends nothing closes with 4408.
import type { RawData, WebSocket } from 'ws';
import { agentError } from '../../common/agent/errors';
import { AgentEvent as AgentEventSchema, AuthMessage, CLOSE_CODES, MAX_MESSAGE_BYTES, PROTOCOL, type AgentEvent, type ServerMessage } from '../../common/agent/protocol';
import type { Agent } from './agent';
import { dispatch } from './dispatch';
import type { AgentToken } from './token';

/** Events are dropped for a client that stops reading, rather than growing memory without bound. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** Requests one client may have in flight; more are answered TOO_MANY_REQUESTS and not run. */
export const MAX_IN_FLIGHT = 32;

function sendJson(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function decode(data: RawData, isBinary: boolean): { value?: unknown; error?: 'MESSAGE_TOO_LARGE' | 'BAD_MESSAGE' } {
  const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
  if (size > MAX_MESSAGE_BYTES) return { error: 'MESSAGE_TOO_LARGE' };
  if (isBinary) return { error: 'BAD_MESSAGE' };
  try {
    return { value: JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')) };
  } catch {
    return { error: 'BAD_MESSAGE' };
  }
}

function idOf(value: unknown): string | number | null {
  const id = typeof value === 'object' && value !== null && 'id' in value ? value.id : null;
  return (typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isInteger(id) && id >= 0) ? id : null;
}

function serve(agent: Agent, ws: WebSocket): void {
  let inFlight = 0;
  const off = agent.subscribe((event: AgentEvent) => {
    // Outgoing messages are checked too: a driver bug must not put malformed data on the wire.
    const checked = AgentEventSchema.safeParse(event);
    if (!checked.success) { console.error('agent: dropped an event outside its schema', event.event); return; }
    if (ws.bufferedAmount < MAX_BUFFERED) sendJson(ws, checked.data);
  });
  ws.on('close', off);
  ws.on('message', (data, isBinary) => {
    const { value, error } = decode(data, isBinary);
    if (error) { sendJson(ws, { id: null, error: agentError(error) }); return; }
    if (inFlight >= MAX_IN_FLIGHT) { sendJson(ws, { id: idOf(value), error: agentError('TOO_MANY_REQUESTS') }); return; }
    inFlight++;
    void dispatch(agent, value).then((response) => { inFlight--; sendJson(ws, response); });
  });
  sendJson(ws, { ready: true, protocol: PROTOCOL });
}

export function handleConnection(agent: Agent, token: AgentToken, ws: WebSocket, offered: string | undefined, authTimeoutMs: number): void {
  const refuse = () => ws.close(CLOSE_CODES.badToken, 'bad token / 口令错误');
  ws.on('error', () => ws.terminate());
  if (offered !== undefined) {
    if (token.matches(offered)) serve(agent, ws);
    else refuse();
    return;
  }
  const timer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'no token / 未提供口令'), authTimeoutMs);
  ws.once('close', () => clearTimeout(timer));
  ws.once('message', (data, isBinary) => {
    clearTimeout(timer);
    const { value } = decode(data, isBinary);
    const auth = AuthMessage.safeParse(value);
    if (auth.success && token.matches(auth.data.auth)) serve(agent, ws);
    else refuse();
  });
}
