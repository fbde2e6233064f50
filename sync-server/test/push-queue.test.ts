import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@onetrip/testkit';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import type { Principal } from '../src/auth/principal';
import { createTestDatabase, engine, enrollKiosk, login, startTestServer, type Client, type TestDatabase } from './harness';
import { row, submitted } from './events';

// The case-event queue is bounded (PUSH_QUEUE_EVENTS): while that many events wait for the
// database, a further push is answered 503 BUSY with Retry-After and nothing of it is kept.
// To fill the queue the test holds the case-event change counter in a transaction of its own,
// so the server's group transactions wait behind it. That needs a second database session:
// PGlite has one, and the held transaction would hold up the token check of every request too.
const reason = engine === 'pglite' ? 'PGlite has a single session: a transaction held by the test would block every request, not just the writers' : null;
if (reason) console.log(`push-queue.test.ts skipped: ${reason}`);

const VILLAGE = '430182101201';
const SITE = 'site-430182101000-24h';

let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
let kiosk: Client & { deviceId: string };
let kioskWho: Principal;

describe.skipIf(reason !== null)(`bounded case-event queue (${engine})`, () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = await tdb.open();
    server = await startTestServer(tdb, { PUSH_QUEUE_EVENTS: 1 }, { db });
    kiosk = await enrollKiosk(await login(server.apiUrl, 'admin'), SITE);
    kioskWho = (await kiosk.get('/auth/me')).json.principal;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await tdb?.cleanup();
  });

  const waitingEvents = async (): Promise<number> => {
    const text = (await fetch(`${server.url}/metrics`).then((r) => r.text()));
    return Number(/^onetrip_case_event_queue_events (\d+)/m.exec(text)?.[1] ?? NaN);
  };

  it('answers 503 BUSY with Retry-After while the queue is full, keeps nothing of that push, and takes it once there is room', async () => {
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => { locked = resolve; });
    const held = db.transaction(async (tx) => {
      await tx.query(`SELECT seq FROM change_counters WHERE collection = 'caseEvents' FOR UPDATE`);
      locked();
      await new Promise<void>((resolve) => { release = resolve; });
    });
    await isLocked;
    try {
      // two group transactions (the server's lanes on PostgreSQL) wait behind the lock, then one push waits in the queue
      const waiting = [0, 1, 2].map(() => kiosk.push('caseEvents', [row(submitted(kioskWho, { regionCode: VILLAGE }))]));
      await waitFor(async () => (await waitingEvents()) === 1, { timeoutMs: 20_000, description: 'one event waiting in the queue' });

      const refused = submitted(kioskWho, { regionCode: VILLAGE });
      const res = await fetch(`${server.apiUrl}/replication/caseEvents/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json', 'x-onetrip-protocol': '1' },
        body: JSON.stringify([row(refused)]),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const body = await res.json() as { code: string; message: { zh: string; en: string } };
      expect(body.code).toBe('BUSY');
      expect(body.message.zh).toMatch(/繁忙/);
      expect(body.message.en).toMatch(/busy/i);

      release();
      await held;
      for (const answer of await Promise.all(waiting)) expect(answer.status).toBe(200);
      const stored = await kiosk.pullAll('caseEvents', 1000);
      expect(stored.some((d) => d.id === refused.id)).toBe(false);
      expect(await waitingEvents()).toBe(0);

      const retried = await kiosk.push('caseEvents', [row(refused)]);
      expect(retried.status).toBe(200);
      expect((await kiosk.pullAll('caseEvents', 1000)).filter((d) => d.id === refused.id)).toHaveLength(1);
      expect(await fetch(`${server.url}/metrics`).then((r) => r.text())).toMatch(/^onetrip_case_event_pushes_busy_total 1$/m);
    } finally {
      release?.();
      await held.catch(() => undefined);
    }
  });
});
