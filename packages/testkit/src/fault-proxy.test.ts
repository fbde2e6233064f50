import { get, createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { waitFor } from './wait-for';

/** A sync-server stand-in: GET /hello, and GET /events as a Server-Sent Events stream. */
function sseServer(): { server: Server; emit(data: string): void; streams(): number } {
  const open = new Set<ServerResponse>();
  const server = createHttpServer((req, res) => {
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': connected\n\n');
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('你好 hello');
  });
  return { server, emit: (data) => open.forEach((res) => res.write(`data: ${data}\n\n`)), streams: () => open.size };
}

/** Echoes bytes back; a reset from the proxy is expected, so errors are swallowed. */
function echoServer(): TcpServer {
  return createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** One GET on a fresh connection (no keep-alive), resolving with the status and body. */
function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Opens an SSE stream; collects `data:` lines and notes when the stream breaks. */
async function openEvents(url: string): Promise<{ events: string[]; broken: () => boolean; close(): void }> {
  const events: string[] = [];
  let broken = false;
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    get(`${url}/events`, { agent: false }, resolve).on('error', reject);
  });
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    for (const m of buffer.matchAll(/^data: (.*)$/gm)) if (!events.includes(m[1] ?? '')) events.push(m[1] ?? '');
  });
  res.on('error', () => (broken = true));
  res.on('close', () => (broken = true));
  return { events, broken: () => broken, close: () => res.destroy() };
}

describe('startFaultProxy over HTTP and SSE', () => {
  const upstream = sseServer();
  let proxy: FaultProxy;
  let randomValue = 0.5;
  beforeAll(async () => {
    const port = await listen(upstream.server);
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port }, random: () => randomValue });
  });
  afterEach(() => {
    proxy.restore();
    proxy.setDelay(0);
    proxy.setDropRate(0);
  });
  afterAll(async () => {
    await proxy?.close();
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  it('passes HTTP through unchanged and forgets finished connections', async () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(await fetchText(`${proxy.url}/hello`)).toEqual({ status: 200, body: '你好 hello' });
    await waitFor(() => proxy.connections() === 0, { description: 'connection closed' });
  });

  it('streams SSE events live; cut() breaks the stream on both sides and refuses new connections; restore() heals', async () => {
    const stream = await openEvents(proxy.url);
    await waitFor(() => upstream.streams() === 1 && proxy.connections() === 1, { description: 'stream open' });
    upstream.emit('e1');
    await waitFor(() => stream.events.includes('e1'), { description: 'event e1' });

    proxy.cut();
    await waitFor(() => stream.broken(), { description: 'client saw the cut' });
    await waitFor(() => upstream.streams() === 0, { description: 'server saw the cut' });
    expect(proxy.connections()).toBe(0);
    await expect(fetchText(`${proxy.url}/hello`)).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });

    proxy.restore();
    const again = await openEvents(proxy.url);
    await waitFor(() => upstream.streams() === 1, { description: 'stream reopened' });
    upstream.emit('e2');
    await waitFor(() => again.events.includes('e2'), { description: 'event e2' });
    expect(stream.events).toEqual(['e1']);
    again.close();
  });

  it('delays every chunk by the set time', async () => {
    proxy.setDelay(150);
    const started = performance.now();
    expect((await fetchText(`${proxy.url}/hello`)).body).toBe('你好 hello');
    // At least one delayed chunk each way: the request, then the response.
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('kills connections by the injected random source and the drop rate', async () => {
    const stream = await openEvents(proxy.url);
    await waitFor(() => upstream.streams() === 1, { description: 'stream open' });
    randomValue = 0.3;
    proxy.setDropRate(0.2); // 0.3 ≥ 0.2: this chunk survives
    upstream.emit('kept');
    await waitFor(() => stream.events.includes('kept'), { description: 'event kept' });
    proxy.setDropRate(0.4); // 0.3 < 0.4: the next chunk kills the connection
    upstream.emit('lost');
    await waitFor(() => stream.broken(), { description: 'stream killed' });
    expect(stream.events).toEqual(['kept']);
    await waitFor(() => proxy.connections() === 0 && upstream.streams() === 0, { description: 'both sides closed' });
    await expect(fetchText(`${proxy.url}/hello`)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects settings out of range with a bilingual error', () => {
    expect(() => proxy.setDropRate(1.5)).toThrow(/故障代理参数无效.*invalid fault proxy setting/s);
    expect(() => proxy.setDelay(-1)).toThrow(expect.objectContaining({ code: 'TESTKIT_PROXY_BAD_SETTING' }));
  });
});

describe('startFaultProxy byte stream', () => {
  it('keeps bytes intact and in order whatever the chunking and delays (property)', async () => {
    const echo = echoServer();
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: await listen(echo) } });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.uint8Array({ minLength: 1, maxLength: 2048 }), { minLength: 1, maxLength: 12 }),
          fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
          async (chunks, delays) => {
            const expected = Buffer.concat(chunks);
            const socket = connect(proxy.port, '127.0.0.1');
            const received: Buffer[] = [];
            socket.on('data', (b: Buffer) => received.push(b));
            chunks.forEach((chunk, i) => {
              proxy.setDelay(delays[i % delays.length] ?? 0);
              socket.write(chunk);
            });
            await waitFor(() => Buffer.concat(received).length >= expected.length, { timeoutMs: 5_000, description: 'echo' });
            socket.destroy();
            expect(Buffer.concat(received).equals(expected)).toBe(true);
          },
        ),
        { numRuns: 20 },
      );
    } finally {
      await proxy.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('leaves no open socket behind after many short connections and close()', async () => {
    const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = tcpHandles();
    const upstream = sseServer();
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: await listen(upstream.server) } });
    for (let i = 0; i < 5; i++) expect((await fetchText(`${proxy.url}/hello`)).status).toBe(200);
    await proxy.close();
    await new Promise((resolve) => upstream.server.close(resolve));
    await waitFor(() => tcpHandles() <= before, { timeoutMs: 5_000, description: 'every TCP handle closed' });
    expect(tcpHandles()).toBeLessThanOrEqual(before);
  });

  it('refuses connections after close()', async () => {
    const echo = echoServer();
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: await listen(echo) } });
    await proxy.close();
    await expect(fetchText(proxy.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.close();
    await new Promise((resolve) => echo.close(resolve));
  });
});
