import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import { Client, createTestDatabase, engine, enrollKiosk, login, startTestServer, type TestDatabase } from './harness';
import { row } from './events';
import { openSse } from './sse';

// Two instances on one database. On PostgreSQL each has its own pool and LISTEN connection,
// exactly as two processes would; on PGlite (one embedded backend per process) they share
// the in-process instance, the only way two servers can use one PGlite database.
let tdb: TestDatabase;
let shared: Db | undefined;
let a: RunningServer;
let b: RunningServer;
let kioskA: Client & { deviceId: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  if (engine === 'pglite') shared = await tdb.open();
  const options = shared ? { db: shared } : {};
  a = await startTestServer(tdb, {}, options);
  b = await startTestServer(tdb, { DEMO: '0' }, options);
  kioskA = await enrollKiosk(await login(a.apiUrl, 'admin'), 'site-430182101000-24h');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await shared?.close();
  await tdb?.cleanup();
});

const ticket = (deviceId: string) => ({
  id: ulid(), siteId: 'site-430182101000-24h', regionCode: '430182101000', day: '2026-11-27', number: 5, status: 'waiting',
  createdAt: new Date().toISOString(), deviceId, _deleted: false,
});

describe(`many instances (${engine})`, () => {
  it('a push to one instance reaches a live stream on the other within a second', async () => {
    const stream = await openSse(`${b.apiUrl}/replication/tickets/pull-stream`, kioskA.token!);
    try {
      await stream.next((m) => m.data === 'RESYNC');
      const t = ticket(kioskA.deviceId);
      const started = Date.now();
      expect((await kioskA.push('tickets', [row(t)])).json).toEqual([]);
      const msg = await stream.next((m) => typeof m.data === 'object', 1000);
      const elapsed = Date.now() - started;
      expect((msg.data as { documents: Array<{ id: string }> }).documents.map((d) => d.id)).toEqual([t.id]);
      expect(elapsed).toBeLessThan(1000);
      console.log(`fan-out ${engine}: push on A → stream on B in ${elapsed} ms`);
    } finally {
      stream.close();
    }
  });

  it('a revocation on one instance closes the device\'s stream on the other', async () => {
    const admin = await login(a.apiUrl, 'admin');
    const k = await enrollKiosk(admin, 'site-430182101000-24h');
    const stream = await openSse(`${b.apiUrl}/replication/tickets/pull-stream`, k.token!);
    await stream.next((m) => m.data === 'RESYNC');
    await admin.post(`/devices/${k.deviceId}/revoke`, {});
    expect((await stream.next((m) => m.event === 'error', 2000)).data).toMatchObject({ code: 'DEVICE_REVOKED' });
    await stream.ended;
  });

  it('graceful shutdown drains live streams, and the other instance keeps serving', async () => {
    const c = await startTestServer(tdb, { DEMO: '0' }, shared ? { db: shared } : {});
    const stream = await openSse(`${c.apiUrl}/replication/tickets/pull-stream`, kioskA.token!);
    await stream.next((m) => m.data === 'RESYNC');
    await c.close();
    expect((await stream.next((m) => m.event === 'error')).data).toMatchObject({ code: 'UNAVAILABLE' });
    await stream.ended;
    expect((await new Client(a.apiUrl, kioskA.token).get('/replication/tickets/pull')).status).toBe(200);
  });

  it.runIf(engine === 'postgres')('after the LISTEN connection drops, it reconnects and tells live streams to RESYNC', async () => {
    const stream = await openSse(`${b.apiUrl}/replication/tickets/pull-stream`, kioskA.token!);
    try {
      await stream.next((m) => m.data === 'RESYNC');
      await b.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
      await stream.next((m) => m.data === 'RESYNC', 5000);
      const t = ticket(kioskA.deviceId);
      await kioskA.push('tickets', [row(t)]);
      const msg = await stream.next((m) => typeof m.data === 'object', 3000);
      expect((msg.data as { documents: Array<{ id: string }> }).documents.map((d) => d.id)).toContain(t.id);
    } finally {
      stream.close();
    }
  });
  if (engine === 'pglite') {
    it('LISTEN reconnection (postgres only)', () => {
      console.log('skipped on pglite: its listen/notify is in-process, there is no connection that can drop');
      expect(engine).toBe('pglite');
    });
  }
});
