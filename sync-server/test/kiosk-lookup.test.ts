// The kiosk-facing progress lookup (POST /api/v1/kiosk/lookup): by receipt (case id + check
// code) and by the ID number the kiosk's reader read, in the kiosk's own township only, never
// with personal data in the answer, every lookup audited, refusals indistinguishable; and a
// rating written through the ratings collection for a case the kiosk never held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { idCheckChar } from '@onetrip/domain';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import type { Principal } from '../src/auth/principal';
import { LOOKUPS_PER_MINUTE } from '../src/routes/kiosk-lookup';
import { Client, createTestDatabase, engine, enrollKiosk, login, startTestServer, type TestDatabase } from './harness';
import { actorOf, nextHlc, row, submitted } from './events';

const T1 = '430182101000';
const T2 = '430182103000';
const V1 = '430182101201';
const withCheck = (body17: string) => body17 + idCheckChar(body17);
const PERSON = withCheck('43018219560312042');
const STRANGER = withCheck('43018219700101123');
const CODE = 'K7M2X9Q4PD';
const NAME = '周秀英';

type Actor = { client: Client; who: Principal };
let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
const as: Record<string, Actor> = {};
let done: { caseId: string; itemCode: string; regionCode: string };
let oldCase: string;

async function actor(client: Client): Promise<Actor> {
  return { client, who: (await client.get('/auth/me')).json.principal };
}
async function push(name: string, collection: string, doc: Record<string, unknown>) {
  const res = await as[name]!.client.push(collection, [row({ ...doc, _deleted: false })]);
  if (res.status !== 200 || res.json.length !== 0) throw new Error(`${name} push ${collection}: ${res.status} ${JSON.stringify(res.json)}`);
}
/** One step by the village clerk on the case, as a desk would push it. */
function step(type: string, payload: Record<string, unknown> = {}) {
  return { id: ulid(), caseId: done.caseId, type, itemCode: done.itemCode, regionCode: V1, actor: actorOf(as.village!.who), deviceId: 'desk-test', hlc: nextHlc(), at: new Date().toISOString(), payload };
}
const lookup = (name: string, body: unknown) => as[name]!.client.post('/kiosk/lookup', body);
const receipt = (caseId: string, checkCode = CODE) => ({ by: 'receipt', caseId, checkCode });

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  server = await startTestServer(tdb, {}, { db });
  const admin = await login(server.apiUrl, 'admin');
  as.admin = await actor(admin);
  as.kiosk = await actor(await enrollKiosk(admin, `site-${T1}-24h`, 'kiosk T1'));
  as.other = await actor(await enrollKiosk(admin, `site-${T2}-24h`, 'kiosk T2'));
  as.village = await actor(await login(server.apiUrl, `village-${V1}`));
  const sub = submitted(as.kiosk.who, { regionCode: V1 }, PERSON);
  Object.assign(sub.payload, { checkCode: CODE, applicant: { name: NAME, idNumber: PERSON, phone: '13800000000', address: '宁乡市夏铎铺镇某村' } });
  await push('kiosk', 'caseEvents', sub);
  done = sub;
  for (const ev of [step('accepted'), step('approved'), step('issued', { collectAt: { level: 'village', regionCode: V1 } }), step('collected')]) await push('village', 'caseEvents', ev);
  const old = submitted(as.kiosk.who, { regionCode: V1 }, PERSON);
  await push('kiosk', 'caseEvents', old);
  oldCase = old.caseId;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await tdb?.cleanup();
});

/** Nothing personal in an answer: no name, ID number, phone, address, form or photo field, nor the code. */
function expectNothingPersonal(json: unknown) {
  const text = JSON.stringify(json);
  for (const secret of [NAME, PERSON, '13800000000', '某村', CODE, 'applicant', 'materials', 'form', 'sha256']) expect(text).not.toContain(secret);
}

describe(`kiosk lookup (${engine})`, () => {
  it('finds a case by its receipt: number, item, status, level, dates, and that it may be rated', async () => {
    const res = await lookup('kiosk', receipt(done.caseId));
    expect(res.status).toBe(200);
    expect(res.json.cases).toHaveLength(1);
    const view = res.json.cases[0];
    expect(view).toMatchObject({
      caseId: done.caseId, regionCode: V1, item: { code: 'MZ-LNZ-01', name: { zh: '老年证办理' } }, status: 'completed',
      statusText: { zh: '已办结' }, rated: false, mayRate: true,
    });
    expect(view.caseNumber).toMatch(/^430182-\d{8}-[0-9A-Z]{6}$/);
    expect(Object.keys(view).sort()).toEqual(['acceptedAt', 'caseId', 'caseNumber', 'deadline', 'item', 'level', 'mayRate', 'rated', 'regionCode', 'status', 'statusText', 'submittedAt', 'updatedAt']);
    expectNothingPersonal(res.json);
  });

  it('refuses a wrong check code, a receipt without one, an unknown case and another township\'s kiosk alike', async () => {
    const refusals = [
      await lookup('kiosk', receipt(done.caseId, 'K7M2X9Q4PE')),
      await lookup('kiosk', receipt(oldCase)),
      await lookup('kiosk', receipt(ulid())),
      await lookup('other', receipt(done.caseId)),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual(refusals[0]!.json);
    }
    expect(refusals[0]!.json).toEqual({ code: 'LOOKUP_NOT_FOUND', message: { zh: expect.stringMatching(/办件/), en: expect.stringMatching(/case/) } });
  });

  it('refuses staff, callers without a token and malformed bodies, leaking nothing', async () => {
    const staff = await as.village!.client.post('/kiosk/lookup', receipt(done.caseId));
    expect(staff.status).toBe(403);
    expect(staff.json.code).toBe('KIOSK_ONLY');
    const anonymous = await new Client(server.apiUrl).post('/kiosk/lookup', receipt(done.caseId));
    expect(anonymous.status).toBe(401);
    const malformed: unknown[] = [
      { by: 'receipt', caseId: done.caseId },
      { by: 'receipt', caseId: done.caseId, checkCode: CODE.toLowerCase() },
      { by: 'receipt', caseId: done.caseId, checkCode: CODE, idNumber: PERSON },
      { by: 'receipt', caseId: `${done.caseId}' OR 1=1 --`, checkCode: CODE },
      { by: 'card', idNumber: `${PERSON.slice(0, 17)}${PERSON[17] === '0' ? '1' : '0'}` },
      { by: 'card', idNumber: PERSON.repeat(100) },
      { by: 'name', name: NAME },
      [receipt(done.caseId)],
      'not json',
    ];
    for (const body of malformed) {
      const res = await lookup('kiosk', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(['BAD_REQUEST', 'BAD_JSON']).toContain(res.json.code);
      expect(res.json.message.zh.length).toBeGreaterThan(0);
      expect(res.json.cases).toBeUndefined();
      expect(JSON.stringify(res.json)).not.toMatch(/completed|已办结|老年证/);
    }
  });

  it('finds the card holder\'s cases in its own township only, newest first, nothing personal', async () => {
    const mine = await lookup('kiosk', { by: 'card', idNumber: PERSON });
    expect(mine.status).toBe(200);
    expect(mine.json.cases.map((c: { caseId: string }) => c.caseId)).toEqual([oldCase, done.caseId]);
    expectNothingPersonal(mine.json);
    expect((await lookup('other', { by: 'card', idNumber: PERSON })).json).toEqual({ cases: [] });
    expect((await lookup('kiosk', { by: 'card', idNumber: STRANGER })).json).toEqual({ cases: [] });
  });

  it('takes one rating per case through the ratings collection from a kiosk that never held it', async () => {
    const rating = (score: number, reasons: string[]) => ({ id: done.caseId, caseId: done.caseId, regionCode: V1, score, reasons, createdAt: new Date().toISOString(), deviceId: as.other!.who.id });
    const first = rating(2, ['办理时间太长']);
    await push('other', 'ratings', first);
    const again = await as.kiosk!.client.push('ratings', [row({ ...rating(5, []), deviceId: as.kiosk!.who.id, _deleted: false })]);
    expect(again.status).toBe(200);
    expect(again.json).toHaveLength(1);
    expect(again.json[0]).toMatchObject({ score: 2 });
    const ratings = (await as.admin!.client.pullAll('ratings')).filter((r) => r.caseId === done.caseId);
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ score: 2, reasons: ['办理时间太长'] });
    const after = await lookup('kiosk', receipt(done.caseId));
    expect(after.json.cases[0]).toMatchObject({ rated: true, mayRate: false });
  });

  it('audits every lookup with its outcome, never the ID number asked with', async () => {
    const rows = await db.query<{ entry: { actorId: string; target: string; details: Record<string, unknown> } }>(
      "SELECT entry FROM audit_log WHERE entry->>'action' = 'kioskLookup' ORDER BY seq");
    const outcomes = rows.map((r) => r.entry.details.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['found', 'wrongCheckCode', 'noCheckCode', 'noSuchCase', 'otherTownship', 'none']));
    expect(rows.every((r) => r.entry.actorId === as.kiosk!.who.id || r.entry.actorId === as.other!.who.id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PERSON);
    expect(JSON.stringify(rows)).not.toContain(STRANGER);
  });

  it(`allows ${LOOKUPS_PER_MINUTE} lookups a minute per kiosk, then answers RATE_LIMITED`, async () => {
    const fresh = await enrollKiosk(await login(server.apiUrl, 'admin'), `site-${T1}-24h`, 'kiosk T1 b');
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) expect((await fresh.post('/kiosk/lookup', receipt(ulid()))).status).toBe(404);
    const limited = await fresh.post('/kiosk/lookup', receipt(done.caseId));
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('RATE_LIMITED');
    expect(limited.json.cases).toBeUndefined();
  });
});
