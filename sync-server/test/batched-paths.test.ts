// The set-based paths that make the server fast — group commit of case-event pushes, live
// streams sharing one pull, the group-committed audit of staff reads — must keep every
// guarantee of the one-at-a-time paths they replaced. Each test here would fail if a push's
// refusal leaked into others, an event were stored twice, a fold were stale, a shared pull
// crossed scopes, or a reader went unaudited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldCase, type CaseEvent, type Item } from '@onetrip/domain';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import type { Principal } from '../src/auth/principal';
import { waitFor } from '@onetrip/testkit';
import { Client, createTestDatabase, engine, enrollKiosk, login, startTestServer, type TestDatabase } from './harness';
import { accepted, row, submitted } from './events';
import { openSse } from './sse';
import { writeGroup, type Job } from '../src/replication/case-events';

const T1 = '430182101000';
const T2 = '430182103000';
const V1 = '430182101201';
const V2 = '430182103201';

let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
let second: RunningServer;
let admin: Client;
let kiosk1: Client & { deviceId: string };
let kiosk2: Client & { deviceId: string };
let clerk1: Client;
let clerk2: Client;
const who: Record<string, Principal> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  server = await startTestServer(tdb, {}, { db });
  // A second instance on the same database: pushes to both must serialise per case.
  second = await startTestServer(tdb, { DEMO: '0' }, engine === 'pglite' ? { db } : {});
  admin = await login(server.apiUrl, 'admin');
  kiosk1 = await enrollKiosk(admin, `site-${T1}-24h`, 'kiosk one');
  kiosk2 = await enrollKiosk(admin, `site-${T2}-24h`, 'kiosk two');
  clerk1 = await login(server.apiUrl, `village-${V1}`);
  clerk2 = await login(server.apiUrl, `village-${V2}`);
  for (const [name, c] of Object.entries({ kiosk1, kiosk2, clerk1, clerk2, admin })) who[name] = (await c.get('/auth/me')).json.principal;
});
afterAll(async () => {
  await second?.close();
  await server?.close();
  await db?.close();
  await tdb?.cleanup();
});

const storedIds = async (ids: string[]) =>
  (await db.query<{ id: string }>(`SELECT id FROM docs WHERE collection = 'caseEvents' AND id = ANY($1::text[])`, [ids])).map((r) => r.id);

/** The stored projection of a case must equal the fold of its stored events. */
async function expectFoldMatches(caseId: string): Promise<void> {
  const events = (await db.query<{ doc: CaseEvent }>(`SELECT doc FROM docs WHERE collection = 'caseEvents' AND case_id = $1`, [caseId])).map((r) => r.doc);
  const catalogue = (await db.query<{ doc: Item }>(`SELECT doc FROM docs WHERE collection = 'items' AND NOT deleted`)).map((r) => r.doc);
  const [stored] = await db.query<{ state: unknown }>('SELECT state FROM cases WHERE case_id = $1', [caseId]);
  expect(stored?.state).toEqual(JSON.parse(JSON.stringify(foldCase(events, { catalogue }))));
}

const metric = async (name: string): Promise<number> => {
  const text = (await admin.get('/metrics')).json as string;
  return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
};

describe(`group commit of case-event pushes (${engine})`, () => {
  it('a burst of pushes with retries and one refused push: each push all or nothing, every event stored once', async () => {
    const good = Array.from({ length: 8 }, () => [submitted(who.kiosk1!, { regionCode: V1 }), submitted(who.kiosk1!, { regionCode: V1 })]);
    const victim = submitted(who.kiosk1!, { regionCode: V1 });
    // A kiosk may not accept a case: the second event is refused, so the whole push must be.
    const refused = [victim, accepted(who.kiosk1!, good[0]![0]!)];
    const before = await metric('onetrip_case_event_transactions_total');
    const results = await Promise.all([
      ...good.map((events) => kiosk1.push('caseEvents', events.map((e) => row(e)))),
      kiosk1.push('caseEvents', refused.map((e) => row(e))),
      ...[0, 1, 2].map(() => kiosk1.push('caseEvents', good[0]!.map((e) => row(e)))),
    ]);
    const transactions = (await metric('onetrip_case_event_transactions_total')) - before;
    console.log(`group commit (${engine}): ${results.length} pushes in ${transactions} transactions`);
    const bad = results[good.length]!;
    expect(bad.status).toBe(403);
    expect(bad.json).toMatchObject({ index: 1, message: { zh: expect.any(String), en: expect.any(String) } });
    for (const [i, r] of results.entries()) if (i !== good.length) expect(r.status, JSON.stringify(r.json)).toBe(200);
    for (const [i, r] of results.entries()) if (i !== good.length) expect(r.json).toEqual([]);
    const ids = good.flat().map((e) => e.id);
    const stored = await storedIds([...ids, victim.id]);
    expect(stored.sort()).toEqual([...ids].sort());
    expect(await db.query('SELECT 1 FROM cases WHERE case_id = $1', [victim.caseId])).toEqual([]);
    for (const events of good) for (const e of events) await expectFoldMatches(e.caseId);
  });

  it('concurrent steps on one case through two instances: each event once, the projection is the fold of what is stored', async () => {
    const base = submitted(who.kiosk1!, { regionCode: V1 });
    expect((await kiosk1.push('caseEvents', [row(base)])).json).toEqual([]);
    const step = accepted(who.clerk1!, base);
    const onSecond = new Client(second.apiUrl, clerk1.token);
    const results = await Promise.all([
      clerk1.push('caseEvents', [row(step)]), onSecond.push('caseEvents', [row(step)]),
      clerk1.push('caseEvents', [row(step)]), onSecond.push('caseEvents', [row(step)]),
      kiosk1.push('caseEvents', [row(base)]),
    ]);
    for (const r of results) expect(r.status, JSON.stringify(r.json)).toBe(200);
    const stored = await storedIds([base.id, step.id]);
    expect(stored.sort()).toEqual([base.id, step.id].sort());
    await expectFoldMatches(base.caseId);
    const [state] = await db.query<{ status: string }>(`SELECT state->>'status' AS status FROM cases WHERE case_id = $1`, [base.caseId]);
    expect(state?.status).toBe('accepted');
  });

  it('inside one group transaction, a refused push is undone before the next push is checked', async () => {
    const victim = submitted(who.kiosk1!, { regionCode: V1 });
    const other = submitted(who.kiosk1!, { regionCode: V1 });
    const job = (principal: Principal, events: unknown[]): Job => ({ who: principal, events: events as CaseEvent[], resolve: () => undefined, reject: () => undefined });
    const catalogue = (await db.query<{ doc: Item }>(`SELECT doc FROM docs WHERE collection = 'items' AND NOT deleted`)).map((r) => r.doc);
    const outcomes = await db.transaction((tx) => writeGroup(tx, [
      job(who.kiosk1!, [other]),
      job(who.kiosk1!, [victim, accepted(who.kiosk1!, victim)]), // refused at index 1: victim must not count as stored
      job(who.kiosk1!, [victim]), // so this push stores it
      job(who.clerk2!, [accepted(who.clerk2!, other)]), // out of the clerk's village: refused
    ], { catalogue }));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { extra: { index: 1 } } });
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    expect((await storedIds([victim.id, other.id])).sort()).toEqual([victim.id, other.id].sort());
    await expectFoldMatches(victim.caseId);
    await expectFoldMatches(other.caseId);
    const [otherCase] = await db.query<{ status: string }>(`SELECT state->>'status' AS status FROM cases WHERE case_id = $1`, [other.caseId]);
    expect(otherCase?.status).toBe('submitted');
  });

  it('a different event under a known id is answered as a conflict even when pushed in the same burst', async () => {
    const ev = submitted(who.kiosk1!, { regionCode: V1 });
    const changed = { ...ev, payload: { ...ev.payload, form: { note: 'changed' } } };
    const [first, other] = await Promise.all([kiosk1.push('caseEvents', [row(ev)]), kiosk1.push('caseEvents', [row(changed)])]);
    // Whichever was written first is the master; the other push gets it back as a conflict.
    const answers = [first!.json, other!.json];
    expect(answers.filter((a) => Array.isArray(a) && a.length === 0)).toHaveLength(1);
    expect(answers.find((a) => a.length === 1)[0]).toMatchObject({ id: ev.id });
    expect(await storedIds([ev.id])).toEqual([ev.id]);
  });
});

type Stream = Awaited<ReturnType<typeof openSse>>;
const docIds = (s: Stream): string[] =>
  s.messages.flatMap((m) => (typeof m.data === 'object' && m.data !== null ? (m.data as { documents: Array<{ id: string }> }).documents.map((d) => d.id) : []));
const waitForDoc = (s: Stream, id: string) => waitFor(() => docIds(s).includes(id), { timeoutMs: 20_000 });

async function openStreams(c: Client, n: number): Promise<Stream[]> {
  const streams = await Promise.all(Array.from({ length: n }, () => openSse(`${server.apiUrl}/replication/caseEvents/pull-stream`, c.token!)));
  for (const s of streams) await s.next((m) => m.data === 'RESYNC');
  return streams;
}

describe(`live streams sharing pulls, and the audit of their reads (${engine})`, () => {
  it('streams of different readers each get exactly their own scope, and every staff reader is audited', async () => {
    const streams = { clerk1: await openStreams(clerk1, 3), clerk2: await openStreams(clerk2, 2), admin: await openStreams(admin, 2), kiosk1: await openStreams(kiosk1, 2) };
    const all = Object.values(streams).flat();
    try {
      const inV2 = submitted(who.kiosk2!, { regionCode: V2 });
      const inV1 = submitted(who.kiosk1!, { regionCode: V1 });
      // V2 first: a stream delivers in sequence order, so had a V1 stream been sent the V2
      // event it would have it by the time the later V1 event arrives.
      expect((await kiosk2.push('caseEvents', [row(inV2)])).json).toEqual([]);
      expect((await kiosk1.push('caseEvents', [row(inV1)])).json).toEqual([]);
      for (const s of [...streams.clerk1, ...streams.kiosk1, ...streams.admin]) await waitForDoc(s, inV1.id);
      for (const s of [...streams.clerk2, ...streams.admin]) await waitForDoc(s, inV2.id);
      for (const s of [...streams.clerk1, ...streams.kiosk1]) expect(docIds(s)).not.toContain(inV2.id);
      for (const s of streams.clerk2) expect(docIds(s)).not.toContain(inV1.id);
      for (const s of streams.kiosk1) expect(docIds(s)).toEqual([inV1.id]);

      // Every staff stream's read is on record under its own reader: the `reads` of the
      // entries naming the case add up to that reader's streams that received it.
      const reads = async (actor: string, caseId: string) => {
        const rows = await db.query<{ details: { caseIds: string; reads: number } }>(
          `SELECT entry->'details' AS details FROM audit_log WHERE entry->>'action' = 'read' AND entry->>'target' = 'caseEvents' AND entry->>'actorId' = $1`, [actor]);
        return rows.filter((r) => r.details.caseIds.split(',').includes(caseId)).reduce((n, r) => n + r.details.reads, 0);
      };
      expect(await reads(`village-${V1}`, inV1.caseId)).toBe(3);
      expect(await reads(`village-${V2}`, inV2.caseId)).toBe(2);
      expect(await reads('admin', inV1.caseId)).toBe(2);
      expect(await reads('admin', inV2.caseId)).toBe(2);
      expect(await reads(`village-${V1}`, inV2.caseId)).toBe(0);
      expect(await reads(kiosk1.deviceId, inV1.caseId)).toBe(0); // a kiosk's own cases: not a staff read
      expect((await admin.get('/audit/verify')).json).toMatchObject({ ok: true });
    } finally {
      for (const s of all) s.close();
    }
  });

  it('idle streams with the same query share one pull, and changes during a pull still reach every stream', async () => {
    const streams = await openStreams(clerk1, 12);
    try {
      const before = await metric('onetrip_live_stream_pulls_total');
      const first = submitted(who.kiosk1!, { regionCode: V1 });
      expect((await kiosk1.push('caseEvents', [row(first)])).json).toEqual([]);
      for (const s of streams) await waitForDoc(s, first.id);
      const pulls = (await metric('onetrip_live_stream_pulls_total')) - before;
      console.log(`shared pulls (${engine}): 12 streams, one write, ${pulls} pull queries`);
      expect(pulls).toBeLessThan(streams.length);

      // Many writes while pulls are running: every stream must end with every event.
      const burst = Array.from({ length: 10 }, () => submitted(who.kiosk1!, { regionCode: V1 }));
      await Promise.all(burst.map((e) => kiosk1.push('caseEvents', [row(e)])));
      for (const s of streams) for (const e of burst) await waitForDoc(s, e.id);
      for (const s of streams) expect(new Set(docIds(s)).size).toBe(docIds(s).length); // nothing twice
    } finally {
      for (const s of streams) s.close();
    }
  });
});
