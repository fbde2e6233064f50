// Replication against the real sync server (child process on 127.0.0.1, PGlite).
import { describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { waitFor } from '@onetrip/testkit';
import { actors, submission } from './node/fixtures';
import { demoLogin } from './node/sync-server-process';
import { syncServerSuite } from './node/server-suite';
import { staffReplica } from './node/replicas';

const suite = syncServerSuite();
const { open } = suite;

const clerkUser = 'village-430182104201';
const staffUser = 'township-430182104000';

async function serverEvents(caseId: string): Promise<Array<Record<string, unknown>>> {
  const token = await demoLogin(suite.server.url, 'admin');
  const res = await fetch(`${suite.server.url}/api/v1/replication/caseEvents/pull?updatedAt=0&limit=1000`, {
    headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' },
  });
  const body = (await res.json()) as { documents: Array<Record<string, unknown>> };
  return body.documents.filter((d) => d.caseId === caseId);
}

describe('replication with the sync server', () => {
  it('pushes a clerk\'s events, streams them to the township, and reports the status', async () => {
    const clerk = await staffReplica({ serverUrl: suite.server.url, username: clerkUser, actor: actors.clerk });
    const staff = await staffReplica({ serverUrl: suite.server.url, username: staffUser, actor: actors.staff });
    open.push(clerk, staff);
    const submitted = await clerk.commands.submitApplication(submission());
    await clerk.commands.acceptCase(submitted.caseId);
    await clerk.commands.forwardCase(submitted.caseId, { toLevel: 'township', toRegionCode: '430182104000' }, '需乡镇审批');

    const seen = await waitFor(async () => {
      const doc = await staff.collection('cases').findOne(submitted.caseId).exec();
      return doc?.get('status') === 'forwarded' ? doc : null;
    }, { timeoutMs: 20_000, description: 'forwarded case on the township replica' });
    expect((seen.get('state') as { applicant: { name: string } }).applicant.name).toBe('周桂英');

    const after = await staff.commands.acceptCase(submitted.caseId, '乡镇受理');
    expect(after.status).toBe('accepted');
    await waitFor(async () => (await serverEvents(submitted.caseId)).length === 4, { timeoutMs: 20_000, description: 'four events on the server' });
    const clerkView = await waitFor(async () => {
      const doc = await clerk.collection('cases').findOne(submitted.caseId).exec();
      return doc?.get('eventCount') === 4 ? doc : null;
    }, { timeoutMs: 20_000, description: 'the township\'s acceptance back on the clerk replica' });
    expect(clerkView.get('status')).toBe('accepted');
    const status = await firstValueFrom(clerk.status$.pipe(filter((s) => s.pendingDocuments === 0 && s.online)));
    expect(status.lastSyncAt).toEqual(expect.any(Number));
  });

  it('keeps writes made while the server is down and pushes them once it is back', async () => {
    const clerk = await staffReplica({ serverUrl: suite.server.url, username: clerkUser, actor: actors.clerk });
    open.push(clerk);
    await clerk.awaitInSync();
    await suite.server.stop();
    const submitted = await clerk.commands.submitApplication(submission());
    const offline = await firstValueFrom(clerk.status$.pipe(filter((s) => !s.online && s.pendingDocuments === 1)));
    expect(offline.lastError?.code).toBe('REPLICA_OFFLINE');
    await suite.server.start();
    clerk.reconnectNow();
    await waitFor(async () => (await serverEvents(submitted.caseId)).length === 1, { timeoutMs: 30_000, description: 'the offline submission on the server' });
    await firstValueFrom(clerk.status$.pipe(filter((s) => s.online && s.pendingDocuments === 0)));
  });

  it('pushes an event once: marking it acknowledged is not a change to send again', async () => {
    const pushed = new Map<string, number>();
    const counting: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/replication/caseEvents/push') && typeof init?.body === 'string') {
        for (const row of JSON.parse(init.body) as Array<{ newDocumentState: { id: string } }>) {
          pushed.set(row.newDocumentState.id, (pushed.get(row.newDocumentState.id) ?? 0) + 1);
        }
      }
      return fetch(input, init);
    };
    const clerk = await staffReplica({ serverUrl: suite.server.url, username: clerkUser, actor: actors.clerk, fetch: counting });
    open.push(clerk);
    const submitted = await clerk.commands.submitApplication(submission());
    const [event] = await clerk.collection('caseEvents').find({ selector: { caseId: submitted.caseId } }).exec();
    const id = event!.get('id') as string;
    await waitFor(async () => (await clerk.collection('caseEvents').findOne(id).exec())?.get('pendingPush') === false,
      { timeoutMs: 20_000, description: 'the submission acknowledged' });
    await clerk.awaitInSync(); // whatever the acknowledgement made the push send has been sent
    expect(pushed.get(id)).toBe(1);
    expect(await serverEvents(submitted.caseId)).toHaveLength(1);
  });
});
