import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createIdFactory } from '@onetrip/domain';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { tokenCredentials } from './http-client';
import { loadCaseEvents, loadEventsOfCases, projectCases, writtenEventsOf } from './projection';

let replica: Replica;
const caseIds: string[] = [];

const submitted = (id: string, caseId: string) => ({
  id, caseId, itemCode: 'MZ-TK-01', regionCode: '430182104201', type: 'submitted', deviceId: 'kiosk-1',
  hlc: '000000000000001-00000-0000abcd', at: '2026-11-27T10:00:00+08:00',
  actor: { id: 'kiosk-1', role: 'kiosk', level: 'kiosk', regionCode: '430182104201' },
  payload: { applicant: { name: '李秀英', idNumber: '430182199001011234', phone: '13800000000', address: '宁乡市灰汤镇温泉村' }, form: { reason: '丈夫去世,无固定收入' }, materials: [] },
});

beforeAll(async () => {
  replica = await openReplica({
    role: 'kiosk', scope: { regionCode: '430182104201', deviceId: 'kiosk-1' },
    serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(5),
    storage: getRxStorageMemory() as never, name: 'projection-test', replicate: false, collections: ['caseEvents', 'cases'],
  });
  // cases from three devices over time, so sorted case ids interleave and their ranges hold other cases' events
  let clock = 1_800_000_000_000;
  const factories = ['kiosk-a', 'kiosk-b', 'kiosk-c'].map((deviceId) => createIdFactory({
    deviceId, now: () => clock, random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  }));
  const docs = [];
  for (let i = 0; i < 90; i++) {
    clock += i % 7 === 0 ? 3_600_000 : 1_000;
    const newId = factories[i % 3] as () => string;
    const caseId = newId();
    caseIds.push(caseId);
    for (let e = 0; e <= i % 3; e++) docs.push(submitted(newId(), caseId));
  }
  await replica.collection('caseEvents').bulkInsert(docs);
});

afterAll(async () => {
  await replica.close();
});

describe('the cases projection, many cases at once', () => {
  it('reads the same events per case as one query per case, for any set of cases (property, fast-check)', async () => {
    const events = replica.collection('caseEvents');
    await fc.assert(fc.asyncProperty(fc.subarray(caseIds, { minLength: 1 }), fc.boolean(), async (ids, withUnknown) => {
      const asked = withUnknown ? [...ids, '01ZZZZZZZZZZZZZZZZZZZZZZZZ'] : ids;
      const many = await loadEventsOfCases(events, asked);
      expect([...many.keys()].sort()).toEqual([...new Set(asked)].sort());
      for (const id of asked) {
        const one = await loadCaseEvents(events, id);
        expect((many.get(id) ?? []).map((e) => e.id).sort()).toEqual(one.map((e) => e.id).sort());
      }
    }), { numRuns: 40 });
  });

  it('folds every asked case into the cases collection in one step', async () => {
    const ids = caseIds.slice(10, 40);
    await projectCases({ caseEvents: replica.collection('caseEvents'), cases: replica.collection('cases') }, ids);
    const cases = await replica.collection('cases').findByIds(ids).exec();
    expect(cases.size).toBe(ids.length);
    for (const id of ids) expect(cases.get(id)?.get('status')).toBe('submitted');
  });

  it('takes the events just written as a case\'s events only when the collection holds exactly that many', async () => {
    const events = replica.collection('caseEvents');
    // caseIds[2] has three events, caseIds[1] two
    const [two, three] = [caseIds[1] as string, caseIds[2] as string];
    const stored = await loadEventsOfCases(events, [two, three]);
    const marked = (caseId: string) => (stored.get(caseId) ?? []).map((e) => ({ ...e, at: '2030-01-01T00:00:00+08:00' }));
    const known = new Map([[two, marked(two)], [three, marked(three).slice(1)]]);
    const got = await loadEventsOfCases(events, [two, three], known);
    // all of `two`'s events were given: used as they are (no read)
    expect(got.get(two)?.map((e) => e.at)).toEqual(['2030-01-01T00:00:00+08:00', '2030-01-01T00:00:00+08:00']);
    // two of `three`'s three: read from the collection
    expect(got.get(three)?.map((e) => e.id).sort()).toEqual(stored.get(three)?.map((e) => e.id).sort());
    expect(got.get(three)?.some((e) => e.at.startsWith('2030'))).toBe(false);
  });

  it('groups a batch of changes by case, newest state per event, and leaves out cases with a deletion', () => {
    const a1 = submitted('a1', 'A');
    const written = writtenEventsOf([
      { operation: 'INSERT', documentData: a1 },
      { operation: 'UPDATE', documentData: { ...a1, at: 'later' } },
      { operation: 'INSERT', documentData: submitted('b1', 'B') },
      { operation: 'DELETE', documentData: submitted('b2', 'B') },
    ]);
    expect([...written.keys()]).toEqual(['A']);
    expect(written.get('A')?.map((d) => d.at)).toEqual(['later']);
  });
});
