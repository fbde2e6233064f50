import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { waitFor } from '@onetrip/testkit';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { tokenCredentials } from './http-client';
import { actors, commandContext, submission } from './node/fixtures';

const open: Replica[] = [];
let n = 0;
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

describe('retention on staff replicas', () => {
  it('drops a case that is outside the replica\'s scope, events and projection alike', async () => {
    // a clerk of another village writes a case; its events then reach our clerk (as if pulled)
    const storage = getRxStorageMemory();
    const other = await openReplica({
      role: 'villageClerk', scope: { regionCode: actors.otherClerk.regionCode, deviceId: 'desk-o', userId: actors.otherClerk.id },
      serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(6),
      storage: storage as never, name: `retention-other-${++n}`, replicate: false, collections: ['caseEvents', 'cases'],
      commandContext: commandContext(actors.otherClerk, 'desk-o'),
    });
    open.push(other);
    const foreign = await other.commands.submitApplication({ ...submission(), regionCode: '430182104203' });
    const foreignEvents = (await other.collection('caseEvents').find().exec()).map((d) => {
      const { pendingPush: _p, ...rest } = d.toJSON() as Record<string, unknown>;
      return rest;
    });

    const clerk = await openReplica({
      role: 'villageClerk', scope: { regionCode: actors.clerk.regionCode, deviceId: 'desk-c', userId: actors.clerk.id },
      serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(6),
      storage: storage as never, name: `retention-clerk-${++n}`, replicate: false, collections: ['caseEvents', 'cases'],
      commandContext: commandContext(actors.clerk, 'desk-c'),
    });
    open.push(clerk);
    const own = await clerk.commands.submitApplication(submission());
    await clerk.collection('caseEvents').bulkInsert(foreignEvents);

    await waitFor(async () => (await clerk.collection('caseEvents').count({ selector: { caseId: foreign.caseId } }).exec()) === 0
      && (await clerk.collection('cases').findOne(foreign.caseId).exec()) === null, { description: 'the foreign case dropped' });
    expect(await clerk.collection('cases').findOne(own.caseId).exec()).not.toBeNull();
    expect(await clerk.collection('caseEvents').count({ selector: { caseId: own.caseId } }).exec()).toBe(1);
  });
});
