// A case that enters a replica's scope after its checkpoint passed the case's first events —
// a 民政局 reviewer's desk is open when the township forwards a 低保 case — arrives whole: the
// reviewer's replica folds it and may act on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@onetrip/testkit';
import type { Actor } from '@onetrip/domain';
import type { Replica } from './open-replica';
import { actors, submission } from './node/fixtures';
import { staffReplica } from './node/replicas';
import { startSyncServer, type SyncServerProcess } from './node/sync-server-process';

const reviewer: Actor = { id: 'city-civilaffairs', role: 'cityReviewer', level: 'city', regionCode: '430182000000', departmentCode: 'civilAffairs' };

describe('a case entering a reviewer\'s scope late', () => {
  let server: SyncServerProcess;
  let clerk: Replica;
  let township: Replica;
  let city: Replica;

  beforeAll(async () => {
    server = await startSyncServer();
    clerk = await staffReplica({ serverUrl: server.url, username: 'village-430182104201', actor: actors.clerk });
    township = await staffReplica({ serverUrl: server.url, username: 'township-430182104000', actor: actors.staff });
    city = await staffReplica({ serverUrl: server.url, username: 'city-civilaffairs', actor: reviewer, departmentCode: 'civilAffairs' });
  }, 120_000);

  afterAll(async () => {
    for (const r of [clerk, township, city]) await r?.close();
    await server?.dispose();
  });

  it('brings the earlier events of a case forwarded to the reviewer\'s department while its replica is live', async () => {
    const { caseId } = await clerk.commands.submitApplication({ ...submission(), itemCode: 'MZ-DB-01' });
    await clerk.commands.acceptCase(caseId);
    await clerk.commands.forwardCase(caseId, { toLevel: 'township', toRegionCode: '430182104000' }, '请乡镇审核');
    await clerk.awaitInSync();
    await waitFor(async () => (await township.collection('cases').findOne(caseId).exec())?.get('status') === 'forwarded', { timeoutMs: 30_000, description: 'the case at the township' });
    // the reviewer's replica has pulled past all of these events, none of which it may see yet
    await city.awaitInSync();
    expect(await city.collection('caseEvents').count().exec()).toBe(0);
    await township.commands.acceptCase(caseId);
    await township.commands.forwardCase(caseId, { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'civilAffairs' }, '报民政局审批');
    await township.awaitInSync();
    const projection = await waitFor(async () => {
      const doc = await city.collection('cases').findOne(caseId).exec();
      return doc?.get('eventCount') === 5 ? doc : null;
    }, { timeoutMs: 30_000, description: 'the whole case on the reviewer\'s replica' });
    expect(projection.get('status')).toBe('forwarded');
    expect((projection.get('state') as { history: { outcome: string }[] }).history.every((h) => h.outcome === 'applied')).toBe(true);
    const accepted = await city.commands.acceptCase(caseId);
    expect(accepted.status).toBe('accepted');
  }, 120_000);
});
