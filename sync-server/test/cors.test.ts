import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestDatabase, engine, login, startTestServer, type TestDatabase } from './harness';

let tdb: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  tdb = await createTestDatabase();
  server = await startTestServer(tdb, { CORS_ORIGINS: 'http://127.0.0.1:7080' });
});
afterAll(async () => { await server?.close(); await tdb?.cleanup(); });

const preflight = (origin: string) => fetch(`${server.apiUrl}/replication/items/pull`, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-onetrip-protocol' },
});

describe(`browser origins (${engine})`, () => {
  it('lets a configured web app call the API with a bearer token', async () => {
    const res = await preflight('http://127.0.0.1:7080');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:7080');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('grants the configured origin on the live stream too', async () => {
    const admin = await login(server.apiUrl, 'admin');
    const controller = new AbortController();
    const res = await fetch(`${server.apiUrl}/replication/items/pull-stream`, {
      headers: { authorization: `Bearer ${admin.token}`, origin: 'http://127.0.0.1:7080', 'x-onetrip-protocol': '1' }, signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:7080');
    controller.abort();
  });

  it('gives any other origin no CORS grant', async () => {
    const res = await preflight('http://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
