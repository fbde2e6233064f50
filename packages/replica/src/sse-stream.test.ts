// The live stream against a real HTTP server on 127.0.0.1 that speaks SSE, with injected
// timers so the back-off is driven by the test instead of waited for.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@onetrip/testkit';
import { openLiveStream } from './sse-stream';
import type { LiveStream, StreamItem } from './sse-stream';
import { createHttpClient, tokenCredentials } from './http-client';
import type { Timers } from './timers';
import { backoffDelay } from './timers';

interface Harness { server: Server; url: string; responses: ServerResponse[]; headers: Record<string, string | string[] | undefined>[] }
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function sseServer(status = 200): Promise<Harness> {
  const responses: ServerResponse[] = [];
  const headers: Harness['headers'] = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    if (status !== 200) { res.writeHead(status, { 'content-type': 'application/json' }).end('{"code":"PROTOCOL_TOO_OLD"}'); return; }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    responses.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, responses, headers };
}

/** Timers whose timeouts run only when the test says so. */
function manualTimers() {
  const queue: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => { const t = { fn, ms, cancelled: false }; queue.push(t); return t; },
    clearTimeout: (h) => { (h as { cancelled: boolean }).cancelled = true; },
    now: () => 0,
  };
  const pending = () => queue.filter((t) => !t.cancelled);
  return { timers, pending, fire: (ms: number) => { const t = pending().find((x) => x.ms === ms); if (!t) throw new Error(`no timer of ${ms} ms`); t.cancelled = true; t.fn(); } };
}

function open(url: string, timers: Timers): { stream: LiveStream; items: StreamItem[] } {
  const client = createHttpClient({ serverUrl: url, credentials: tokenCredentials('secret') });
  const stream = openLiveStream({ client, collection: 'caseEvents', timers, random: () => 1, backoff: { baseMs: 100, maxMs: 800 }, heartbeatTimeoutMs: 5_000 });
  const items: StreamItem[] = [];
  stream.items$.subscribe((i) => items.push(i));
  cleanups.push(() => stream.close());
  return { stream, items };
}

describe('live pull stream', () => {
  it('sends the token and protocol, emits RESYNC on connect, then document batches', async () => {
    const h = await sseServer();
    const { timers } = manualTimers();
    const { stream, items } = open(h.url, timers);
    await waitFor(() => h.responses.length === 1);
    expect(h.headers[0]).toMatchObject({ authorization: 'Bearer secret', 'x-onetrip-protocol': '1' });
    await waitFor(() => stream.connected$.value);
    h.responses[0]!.write(`data: ${JSON.stringify({ documents: [{ id: 'a' }], checkpoint: { id: 'a', updatedAt: 3 } })}\n\n: heartbeat\n\ndata: "RESYNC"\n\n`);
    await waitFor(() => items.length === 3);
    expect(items).toEqual(['RESYNC', { documents: [{ id: 'a' }], checkpoint: { id: 'a', updatedAt: 3 } }, 'RESYNC']);
  });

  it('reconnects with growing back-off after the server drops it, and resyncs', async () => {
    const h = await sseServer();
    const m = manualTimers();
    const { stream, items } = open(h.url, m.timers);
    await waitFor(() => stream.connected$.value);
    h.responses[0]!.destroy();
    await waitFor(() => !stream.connected$.value);
    await waitFor(() => m.pending().some((t) => t.ms === 100));
    m.fire(100);
    await waitFor(() => h.responses.length === 2 && stream.connected$.value);
    expect(items.filter((i) => i === 'RESYNC')).toHaveLength(2);
  });

  it('reconnects after the server ends the stream with an error event (a server shutting down)', async () => {
    // the error event and the end of the response arrive together, as a draining server sends
    // them; reading on after aborting the fetch there used to hang for good in Node's fetch
    const h = await sseServer();
    const m = manualTimers();
    const { stream } = open(h.url, m.timers);
    const errors: unknown[] = [];
    stream.errors$.subscribe((e) => errors.push(e));
    await waitFor(() => stream.connected$.value);
    h.responses[0]!.end(`event: error\ndata: ${JSON.stringify({ code: 'UNAVAILABLE' })}\n\n`);
    await waitFor(() => !stream.connected$.value, { timeoutMs: 5_000, description: 'the stream let go of the ended response' });
    expect(errors).toEqual([expect.objectContaining({ code: 'REPLICA_OFFLINE' })]);
    m.fire(100);
    await waitFor(() => h.responses.length === 2 && stream.connected$.value);
  });

  it('lets go of a connection at the heartbeat timeout even when its read does not settle on abort', async () => {
    const m = manualTimers();
    const stuck = () => Promise.resolve(new Response(new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode(': connected\n\n')); } })));
    const client = createHttpClient({ serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('secret'), fetch: stuck });
    const stream = openLiveStream({ client, collection: 'caseEvents', timers: m.timers, random: () => 1, backoff: { baseMs: 100, maxMs: 800 }, heartbeatTimeoutMs: 5_000 });
    cleanups.push(() => stream.close());
    await waitFor(() => stream.connected$.value);
    m.fire(5_000);
    await waitFor(() => !stream.connected$.value, { timeoutMs: 5_000, description: 'the stream let go at the heartbeat timeout' });
  });

  it('gives up on a silent connection after the heartbeat timeout', async () => {
    const h = await sseServer();
    const m = manualTimers();
    const { stream } = open(h.url, m.timers);
    await waitFor(() => stream.connected$.value);
    m.fire(5_000);
    await waitFor(() => !stream.connected$.value);
  });

  it('reports a too-old protocol with its stable code', async () => {
    const h = await sseServer(426);
    const m = manualTimers();
    const { stream } = open(h.url, m.timers);
    const error = await new Promise((resolve) => stream.errors$.subscribe(resolve));
    expect(error).toMatchObject({ code: 'REPLICA_PROTOCOL_TOO_OLD' });
  });

  it('caps the back-off and keeps jitter within half a step', () => {
    const b = { baseMs: 100, maxMs: 800 };
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, b, () => 1))).toEqual([100, 200, 400, 800, 800]);
    expect(backoffDelay(3, b, () => 0)).toBe(400);
  });
});
