import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { tokenCredentials } from './http-client';
import { actors, commandContext, idNumber, submission } from './node/fixtures';
import type { Actor } from '@onetrip/domain';

const open: Replica[] = [];
let dbCounter = 0; // the memory storage is one map per process: a fresh name per test
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

async function desk(actor: Actor, storage = getRxStorageMemory()) {
  const replica = await openReplica({
    role: actor.role, scope: { regionCode: actor.regionCode, deviceId: `desk-${actor.id}`, userId: actor.id },
    serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(5),
    storage: storage as never, name: `desk-${actor.id}-${++dbCounter}`, replicate: false, collections: ['caseEvents', 'cases'],
    commandContext: commandContext(actor, `desk-${actor.id}`),
  });
  open.push(replica);
  return replica;
}

describe('domain commands', () => {
  it('appends checked events and keeps the cases projection folded, offline', async () => {
    const replica = await desk(actors.clerk);
    const submitted = await replica.commands.submitApplication(submission());
    expect(submitted.status).toBe('submitted');
    const accepted = await replica.commands.acceptCase(submitted.caseId, '材料齐全');
    expect(accepted.status).toBe('accepted');
    const projection = await replica.collection('cases').findOne(submitted.caseId).exec();
    expect(projection?.toJSON()).toMatchObject({ status: 'accepted', itemCode: 'MZ-TK-01', needsDecision: false, eventCount: 2 });
    expect((projection?.get('state') as { applicant: { idNumber: string } }).applicant.idNumber).toBe(idNumber());
    const events = await replica.collection('caseEvents').find({ selector: { caseId: submitted.caseId } }).exec();
    expect(events.map((e) => e.get('pendingPush'))).toEqual([true, true]);
  });

  it('refuses what the permission table refuses, with the domain\'s stable code, and writes nothing', async () => {
    const replica = await desk(actors.otherClerk);
    const submitted = await replica.commands.submitApplication({ ...submission(), regionCode: '430182104203' });
    await replica.commands.acceptCase(submitted.caseId);
    await expect(replica.commands.issueResult(submitted.caseId, { level: 'village', regionCode: '430182104203' }))
      .rejects.toMatchObject({ code: 'STATE_NOT_ALLOWED', zh: expect.any(String), en: expect.any(String) });
    expect(await replica.collection('caseEvents').count().exec()).toBe(2);
  });

  it('rejects input that does not match the domain schema before anything is stored', async () => {
    const replica = await desk(actors.clerk);
    await expect(replica.commands.submitApplication({ ...submission(), applicant: { name: '', idNumber: 'x' } }))
      .rejects.toMatchObject({ code: 'REPLICA_INVALID_INPUT' });
    expect(await replica.collection('caseEvents').count().exec()).toBe(0);
  });

  it('counts the events waiting for the server in the status', async () => {
    const replica = await desk(actors.clerk);
    await replica.commands.submitApplication(submission());
    const status = await firstValueFrom(replica.status$.pipe(filter((s) => s.pendingDocuments > 0)));
    expect(status).toMatchObject({ pendingDocuments: 1, online: false });
  });
});
