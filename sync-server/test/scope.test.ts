import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { isCaseVisibleTo, type CaseState } from '@onetrip/domain';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import type { Principal } from '../src/auth/principal';
import { COLLECTIONS } from '../src/replication/collections';
import type { Client} from './harness';
import { createTestDatabase, engine, enrollKiosk, login, startTestServer, type TestDatabase } from './harness';
import { accepted, actorOf, nextHlc, row, submitted } from './events';

// Two townships (T1 夏铎铺镇, T2 花明楼镇), a village in each, a kiosk at each township's
// self-service area, a city department that receives a forwarded case and one that does not.
const T1 = '430182101000';
const T2 = '430182103000';
const V1 = '430182101201';
const V2 = '430182103201';
const COUNTY = '430182000000';

type Actor = { client: Client; who: Principal };
let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
const actors: Record<string, Actor> = {};
const ids: Record<string, string> = {};

async function asUser(name: string, username: string) {
  const client = await login(server.apiUrl, username);
  actors[name] = { client, who: (await client.get('/auth/me')).json.principal };
}
async function asKiosk(name: string, siteId: string) {
  const client = await enrollKiosk(actors.admin!.client, siteId, name);
  actors[name] = { client, who: (await client.get('/auth/me')).json.principal };
}
async function push(name: string, collection: string, doc: Record<string, unknown>) {
  const res = await actors[name]!.client.push(collection, [row({ ...doc, _deleted: false })]);
  if (res.status !== 200 || res.json.length !== 0) throw new Error(`${name} push ${collection}: ${res.status} ${JSON.stringify(res.json)}`);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  server = await startTestServer(tdb, {}, { db });
  await asUser('admin', 'admin');
  await asKiosk('kiosk1', `site-${T1}-24h`);
  await asKiosk('kiosk2', `site-${T2}-24h`);
  await asUser('village1', `village-${V1}`);
  await asUser('village2', `village-${V2}`);
  await asUser('township1', `township-${T1}`);
  await asUser('township2', `township-${T2}`);
  await asUser('cityDisabled', 'city-disabledfederation');
  await asUser('cityOther', 'city-civilaffairs');
  const items = await actors.admin!.client.pullAll('items');
  const cityItem = items.find((i) => i.departmentCode === 'disabledFederation' && i.decideLevel === 'city' && i.acceptLevel === 'village' && i.kioskAllowed)!;

  const c1 = submitted(actors.kiosk1!.who, { regionCode: V1 });
  await push('kiosk1', 'caseEvents', c1);
  const c2 = submitted(actors.kiosk2!.who, { regionCode: V2, itemCode: String(cityItem.code) });
  await push('kiosk2', 'caseEvents', c2);
  await push('village2', 'caseEvents', accepted(actors.village2!.who, c2));
  await push('village2', 'caseEvents', {
    id: ulid(), caseId: c2.caseId, type: 'forwarded', itemCode: c2.itemCode, regionCode: V2, actor: actorOf(actors.village2!.who),
    deviceId: 'desk-test', hlc: nextHlc(), at: new Date().toISOString(),
    payload: { toLevel: 'city', toRegionCode: COUNTY, toDepartmentCode: 'disabledFederation', note: '转市残联审批' },
  });
  Object.assign(ids, { c1: c1.caseId, c2: c2.caseId, c2item: c2.itemCode, k1: actors.kiosk1!.who.id, k2: actors.kiosk2!.who.id });
  const ticket = (kiosk: string, region: string) => ({
    id: ulid(), siteId: actors[kiosk]!.who.siteId, regionCode: region, day: '2026-11-27', number: 1, status: 'waiting',
    createdAt: new Date().toISOString(), deviceId: actors[kiosk]!.who.id,
  });
  const tk1 = ticket('kiosk1', T1);
  const tk2 = ticket('kiosk2', T2);
  await push('kiosk1', 'tickets', tk1);
  await push('kiosk2', 'tickets', tk2);
  const r1 = { id: ulid(), caseId: c1.caseId, regionCode: V1, score: 5, reasons: [], createdAt: new Date().toISOString(), deviceId: ids.k1 };
  await push('kiosk1', 'ratings', r1);
  Object.assign(ids, { tk1: tk1.id, tk2: tk2.id, r1: r1.id });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await tdb?.cleanup();
});

const everyone = ['admin', 'kiosk1', 'kiosk2', 'village1', 'village2', 'township1', 'township2', 'cityDisabled', 'cityOther'];

/** Who sees which document: the scope rules of DESIGN.md, spelled out per row. */
function expected(): Record<string, Record<string, string[]>> {
  const c1 = ['admin', 'kiosk1', 'village1', 'township1'];
  const c2 = ['admin', 'kiosk2', 'village2', 'township2', 'cityDisabled'];
  return {
    cases: { [ids.c1!]: c1, [ids.c2!]: c2 },
    caseEvents: { [ids.c1!]: c1, [ids.c2!]: c2 },
    tickets: { [ids.tk1!]: ['admin', 'kiosk1', 'township1'], [ids.tk2!]: ['admin', 'kiosk2', 'township2'] },
    ratings: { [ids.r1!]: ['admin', 'kiosk1', 'village1', 'township1'] },
    devices: { [ids.k1!]: ['admin', 'kiosk1', 'township1'], [ids.k2!]: ['admin', 'kiosk2', 'township2'] },
    users: { admin: ['admin'], [`village-${V1}`]: ['admin', 'village1'], 'city-disabledfederation': ['admin', 'cityDisabled'] },
    items: { 'MZ-LNZ-01': everyone },
    regions: { [V1]: everyone, [T2]: everyone },
  };
}

/** The key a document is matched on in the table above (case events by their case). */
const keyOf = (collection: string, d: Record<string, unknown>) =>
  String(collection === 'cases' || collection === 'caseEvents' ? d.caseId : d.id ?? d.code);

describe(`scope matrix: every role × every collection, inside and outside its region (${engine})`, () => {
  for (const collection of COLLECTIONS) {
    it(`${collection}`, async () => {
      const table = expected()[collection];
      for (const name of everyone) {
        const seen = new Set((await actors[name]!.client.pullAll(collection)).map((d) => keyOf(collection, d)));
        if (collection === 'auditLog') {
          expect(seen.size > 0, `${name} auditLog`).toBe(name === 'admin');
          continue;
        }
        for (const [key, who] of Object.entries(table!)) {
          expect(seen.has(key), `${name} ${who.includes(name) ? 'should' : 'must not'} see ${collection} ${key}`).toBe(who.includes(name));
        }
      }
    });
  }

  it('the SQL scope of cases agrees with the domain\'s isCaseVisibleTo', async () => {
    const all = (await actors.admin!.client.pullAll('cases')) as unknown as CaseState[];
    for (const name of everyone) {
      const seen = new Set((await actors[name]!.client.pullAll('cases')).map((d) => d.caseId));
      for (const state of all) expect(seen.has(state.caseId), `${name} / ${state.caseId}`).toBe(isCaseVisibleTo(actors[name]!.who, state));
    }
  });
});

describe('writes outside the scope are refused and change nothing', () => {
  it.each([
    ['a village clerk acts on another village\'s case', 'village1', 'caseEvents', () => accepted(actors.village1!.who, { caseId: ids.c2!, regionCode: V2, itemCode: ids.c2item! })],
    ['a kiosk writes a ticket for another site', 'kiosk1', 'tickets', () => ({ id: ulid(), siteId: `site-${T2}-24h`, regionCode: T2, day: '2026-11-27', number: 9, status: 'waiting', createdAt: new Date().toISOString(), deviceId: ids.k1 })],
    ['township staff write a ticket in another township', 'township1', 'tickets', () => ({ id: ulid(), siteId: `site-${T2}-24h`, regionCode: T2, day: '2026-11-27', number: 9, status: 'waiting', createdAt: new Date().toISOString(), deviceId: ids.k1 })],
    ['a kiosk changes another device', 'kiosk1', 'devices', () => ({ id: ids.k2, name: 'hijacked', siteId: `site-${T2}-24h`, regionCode: T2, status: 'active' })],
    ['a clerk creates a user', 'village1', 'users', () => ({ id: 'intruder', username: 'intruder', displayName: 'x', role: 'admin', regionCode: COUNTY, active: true })],
  ])('%s', async (_what, name, collection, make) => {
    const before = await db.query(`SELECT count(*)::int AS n, coalesce(max(seq), 0) AS s FROM docs`);
    const res = await actors[name]!.client.push(collection, [row({ ...make(), _deleted: false })]);
    expect(res.status).toBe(403);
    expect(res.json.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await db.query(`SELECT count(*)::int AS n, coalesce(max(seq), 0) AS s FROM docs`)).toEqual(before);
  });
});

describe('property: the SQL case scope equals the domain rule for any principal and case', () => {
  const regionCodes = ['430182000000', T1, T2, V1, V2, '430182101202', '430182104201'];
  const departments = ['civilAffairs', 'disabledFederation', 'agriculture'];
  const roles = ['kiosk', 'villageClerk', 'townshipStaff', 'cityReviewer', 'admin'] as const;

  it('holds for random principals over random cases (fast-check)', async () => {
    const fc = (await import('fast-check')).default;
    const { pullChanges } = await import('../src/replication/pull');
    const caseArb = fc.record({
      region: fc.constantFrom(...regionCodes.filter((c) => c !== COUNTY)),
      departments: fc.subarray(departments),
      device: fc.constantFrom('dev-a', 'dev-b'),
    });
    const whoArb = fc.record({
      role: fc.constantFrom(...roles), region: fc.constantFrom(...regionCodes), dept: fc.constantFrom(...departments), device: fc.constantFrom('dev-a', 'dev-b'),
    });
    await fc.assert(fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 6 }), whoArb, async (cases, w) => {
      const who: Principal = w.role === 'kiosk'
        ? { kind: 'device', id: w.device, role: 'kiosk', regionCode: w.region, siteId: 'site-x' }
        : { kind: 'user', id: 'u', role: w.role, regionCode: w.region, ...(w.role === 'cityReviewer' ? { departmentCode: w.dept } : {}) };
      const states = cases.map((c) => ({ caseId: `prop-${ulid()}`, regionCode: c.region, departmentsInvolved: c.departments, createdByDevice: c.device }));
      const [head] = await db.query<{ s: number }>('SELECT coalesce(max(seq), 0) AS s FROM cases');
      await db.transaction(async (tx) => {
        for (const [i, s] of states.entries()) {
          await tx.query('INSERT INTO cases (region_code, case_id, seq, state, departments, created_by_device) VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6)',
            [s.regionCode, s.caseId, head!.s + 1_000_000 + i, JSON.stringify(s), s.departmentsInvolved, s.createdByDevice]);
        }
      });
      try {
        const seen = new Set((await pullChanges(db, 'cases', who, { id: '', updatedAt: head!.s + 999_999 }, 100)).documents.map((d) => d.caseId));
        for (const s of states) expect(seen.has(s.caseId), `${JSON.stringify(who)} / ${JSON.stringify(s)}`).toBe(isCaseVisibleTo(who, s as unknown as CaseState));
      } finally {
        await db.query(`DELETE FROM cases WHERE case_id LIKE 'prop-%'`);
      }
    }), { numRuns: 60 });
  });
});
