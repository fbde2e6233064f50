import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import { Client, createTestDatabase, engine, login, startTestServer, type TestDatabase } from './harness';

let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
let admin: Client;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  server = await startTestServer(tdb, {}, { db });
  admin = await login(server.apiUrl, 'admin');
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await tdb?.cleanup();
});

const countRows = async (sql: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n);

describe(`start-up and health (${engine})`, () => {
  it('answers /healthz and Prometheus /metrics', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engine, protocol: 1 });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE onetrip_http_requests_total counter');
    expect(metrics).toMatch(/onetrip_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="200"\} \d+/);
  });

  it('seeds the demo county idempotently: a second seeding adds no rows', async () => {
    const before = await countRows(`docs WHERE collection IN ('items','regions','users')`);
    const creds = await countRows('credentials');
    const again = await startTestServer(tdb, {}, { db });
    await again.close();
    expect(await countRows(`docs WHERE collection IN ('items','regions','users')`)).toBe(before);
    expect(await countRows('credentials')).toBe(creds);
    expect(before).toBeGreaterThan(40);
    expect(server.demo?.accounts.map((a) => a.username)).toContain('admin');
  });
});

describe('sign-in', () => {
  it('returns a token and the user without password material', async () => {
    const c = new Client(server.apiUrl);
    const res = await c.post('/auth/login', { username: 'admin', password: 'onetrip-demo' });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: 'admin', role: 'admin', regionCode: '430182000000' });
    expect(JSON.stringify(res.json.user)).not.toMatch(/scrypt|password/i);
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM tokens');
    expect(stored.some((r) => r.token_hash === res.json.token)).toBe(false);
  });

  it('locks the account after repeated failures, then refuses even the right password', async () => {
    const c = new Client(server.apiUrl);
    const user = 'village-430182104203';
    for (let i = 0; i < 4; i++) expect((await c.post('/auth/login', { username: user, password: 'wrong' })).json.code).toBe('BAD_CREDENTIALS');
    expect((await c.post('/auth/login', { username: user, password: 'wrong' })).json.code).toBe('ACCOUNT_LOCKED');
    const right = await c.post('/auth/login', { username: user, password: 'onetrip-demo' });
    expect(right.status).toBe(423);
    expect(right.json.message.zh).toMatch(/锁定/);
  });

  it('refuses unknown users and wrong tokens with stable codes', async () => {
    expect((await new Client(server.apiUrl).post('/auth/login', { username: 'nobody', password: 'x' })).json.code).toBe('BAD_CREDENTIALS');
    const res = await new Client(server.apiUrl, 'not-a-token').get('/replication/items/pull');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: 'UNAUTHORIZED', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('logout revokes the token at once', async () => {
    const c = await login(server.apiUrl, 'township-430182103000');
    expect((await c.get('/auth/me')).status).toBe(200);
    await c.post('/auth/logout', {});
    expect((await c.get('/auth/me')).status).toBe(401);
  });
});

describe('bad input changes nothing', () => {
  const docRows = () => countRows('docs');

  it('answers a too-old client with 426 and a clear message', async () => {
    const res = await admin.request('GET', '/replication/items/pull', undefined, { 'x-onetrip-protocol': '0' });
    expect(res.status).toBe(426);
    expect(res.json.code).toBe('PROTOCOL_TOO_OLD');
    expect(res.json.message.en).toMatch(/update/);
  });

  it.each([
    ['malformed JSON', () => admin.request('POST', '/replication/tickets/push', '{"oops'), 400, 'BAD_JSON'],
    ['a body that is not push rows', () => admin.post('/replication/tickets/push', { not: 'an array' }), 400, 'BAD_REQUEST'],
    ['a document failing its schema', () => admin.push('tickets', [{ assumedMasterState: null, newDocumentState: { id: 'x', _deleted: false } }]), 400, 'INVALID_DOCUMENT'],
    ['unknown fields', () => admin.push('regions', [{ assumedMasterState: null, newDocumentState: { code: '430182999000', name: 'x', nameEn: 'x', level: 'township', parentCode: '430182000000', sites: [], evil: 1, _deleted: false } }]), 400, 'INVALID_DOCUMENT'],
    ['an oversized body', () => admin.request('POST', '/replication/tickets/push', JSON.stringify([{ newDocumentState: { pad: 'x'.repeat(1_100_000) } }])), 413, 'BODY_TOO_LARGE'],
    ['an unknown collection', () => admin.push('secrets', []), 404, 'UNKNOWN_COLLECTION'],
    ['a write to the read-only projection', () => admin.push('cases', []), 403, 'READ_ONLY'],
  ])('%s', async (_name, call, status, code) => {
    const before = await docRows();
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ code, message: { zh: expect.any(String), en: expect.any(String) } });
    expect(await docRows()).toBe(before);
  });

  it('a batch with one bad row writes none of the good ones', async () => {
    const before = await docRows();
    const good = { code: '430182999000', name: '测试镇', nameEn: 'Test Town', level: 'township', parentCode: '430182000000', sites: [], _deleted: false };
    const res = await admin.push('regions', [{ assumedMasterState: null, newDocumentState: good }, { assumedMasterState: null, newDocumentState: { ...good, code: 'bad' } }]);
    expect(res.json).toMatchObject({ code: 'INVALID_DOCUMENT', index: 1 });
    expect(await docRows()).toBe(before);
  });

  it('a staff member may not write the catalogue', async () => {
    const clerk = await login(server.apiUrl, 'village-430182101201');
    const [item] = (await clerk.get('/replication/items/pull?limit=1')).json.documents;
    const res = await clerk.push('items', [{ assumedMasterState: item, newDocumentState: { ...item, fee: { amountFen: 1 } } }]);
    expect(res.json.code).toBe('FORBIDDEN');
    expect((await clerk.get('/replication/items/pull?limit=1')).json.documents[0]).toEqual(item);
  });
});

describe('rate limits', () => {
  it('limits each principal separately', async () => {
    const limited = await startTestServer(tdb, { RATE_LIMIT_PER_MINUTE: 3, DEMO: '0' }, { db });
    try {
      const a = new Client(limited.apiUrl, admin.token);
      const clerk = await login(server.apiUrl, 'township-430182108000');
      const b = new Client(limited.apiUrl, clerk.token);
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await a.get('/auth/me')).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limitedRes = await a.get('/auth/me');
      expect(limitedRes.json.code).toBe('RATE_LIMITED');
      expect((await b.get('/auth/me')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('staff accounts', () => {
  it('an administrator creates a user by replication, sets a password, and the user signs in', async () => {
    const user = { id: 'new-clerk', username: 'new-clerk', displayName: '新代办员', role: 'villageClerk', regionCode: '430182104201', active: true, _deleted: false };
    expect((await admin.push('users', [{ assumedMasterState: null, newDocumentState: user }])).json).toEqual([]);
    expect((await new Client(server.apiUrl).post('/auth/login', { username: 'new-clerk', password: 'first-password' })).status).toBe(401);
    expect((await admin.request('PUT', '/users/new-clerk/password', { password: 'first-password' })).status).toBe(200);
    const clerk = await login(server.apiUrl, 'new-clerk', 'first-password');
    expect((await clerk.get('/auth/me')).json.principal).toMatchObject({ id: 'new-clerk', role: 'villageClerk', regionCode: '430182104201' });
    const disabled = { ...user, active: false };
    expect((await admin.push('users', [{ assumedMasterState: user, newDocumentState: disabled }])).json).toEqual([]);
    expect((await clerk.get('/auth/me')).status).toBe(401);
  });

  it('refuses password material in a user document', async () => {
    const res = await admin.push('users', [{ assumedMasterState: null, newDocumentState: { id: 'x1', username: 'x1', displayName: 'x', role: 'admin', regionCode: '430182000000', active: true, passwordHash: 'abc', _deleted: false } }]);
    expect(res.json.code).toBe('INVALID_DOCUMENT');
  });
});

