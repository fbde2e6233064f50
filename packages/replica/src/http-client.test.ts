import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, tokenCredentials } from './http-client';
import { ReplicaError } from './errors';

// A real HTTP server on loopback whose answers stall or trickle on purpose.
let server: Server;
let url: string;
const open: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    open.push(res);
    const page = JSON.stringify({ documents: Array.from({ length: 60 }, (_, i) => ({ id: `d${i}` })), checkpoint: null });
    if (req.url?.includes('/stall-headers')) return; // never answers
    if (req.url?.includes('/busy')) { res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ code: 'BUSY', message: { zh: '服务器繁忙，请稍后重试', en: 'The server is busy; retry shortly' } })); return; }
    if (req.url?.includes('/closing')) { res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'UNAVAILABLE' })); return; }
    if (req.url?.includes('/limited')) { res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'RATE_LIMITED' })); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url?.includes('/stall-body')) {
      res.write(page.slice(0, 40)); // then silence, connection left open
      return;
    }
    // trickle: the page in 30 pieces, 60 ms apart (1.8 s in all, never more than 60 ms without a byte)
    const step = Math.ceil(page.length / 30);
    let at = 0;
    const tick = () => {
      res.write(page.slice(at, at + step));
      at += step;
      if (at >= page.length) res.end();
      else setTimeout(tick, 60);
    };
    tick();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const client = () => createHttpClient({ serverUrl: url, credentials: tokenCredentials('t'), idleTimeoutMs: 1_000 });

describe('HTTP client: a request that goes silent', () => {
  it('gives up as offline when no answer comes at all', async () => {
    const started = Date.now();
    const err = await client().json('GET', '/replication/caseEvents/pull/stall-headers').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplicaError);
    expect((err as ReplicaError).code).toBe('REPLICA_OFFLINE');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up as offline when the body stops halfway', async () => {
    const err = await client().json('GET', '/replication/caseEvents/pull/stall-body').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplicaError);
    expect((err as ReplicaError).code).toBe('REPLICA_OFFLINE');
  });

  it('gives up as offline at the idle limit even on a body that ignores the abort', async () => {
    // a read pending on an aborted fetch's body does not always settle (undici 6, when the abort
    // meets the end of the response); this body never settles on its own at all
    const stuck = () => Promise.resolve(new Response(new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode('{"documents":[')); } })));
    const c = createHttpClient({ serverUrl: url, credentials: tokenCredentials('t'), idleTimeoutMs: 300, fetch: stuck });
    const err = await c.json('GET', '/replication/caseEvents/pull').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REPLICA_OFFLINE' });
  });

  it('never cuts an answer that arrives slowly but steadily (longer in all than the idle limit)', async () => {
    const started = Date.now();
    const body = await client().json<{ documents: unknown[] }>('GET', '/replication/caseEvents/pull/trickle');
    expect(body.documents).toHaveLength(60);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });
});

describe('HTTP client: a server that answers "not now"', () => {
  it('reads 503 BUSY and 429 as busy (the server is there; retry later), and a shutting-down 503 as offline', async () => {
    const codeOf = async (path: string) => ((await client().json('POST', path, []).catch((e: unknown) => e)) as ReplicaError).code;
    expect(await codeOf('/replication/caseEvents/push/busy')).toBe('REPLICA_BUSY');
    expect(await codeOf('/replication/caseEvents/push/limited')).toBe('REPLICA_BUSY');
    expect(await codeOf('/replication/caseEvents/push/closing')).toBe('REPLICA_OFFLINE');
  });
});
