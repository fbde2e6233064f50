// Pulled case events get no replication meta copy; events made here still do, and nothing
// pulled is pushed back — against the real sync server (child process on 127.0.0.1, PGlite).
import { describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { waitFor } from '@onetrip/testkit';
import { actors, submission } from './node/fixtures';
import { syncServerSuite } from './node/server-suite';
import { staffReplica } from './node/replicas';

type Doc = Record<string, unknown>;

const suite = syncServerSuite();
const { open } = suite;

/** The item rows (not checkpoints) of every replication meta instance of one database in a memory storage. */
function metaItemIds(storage: ReturnType<typeof getRxStorageMemory>, database: string): string[] {
  const states = (storage as unknown as { collectionStates: Map<string, { documents: Map<string, Doc> }> }).collectionStates;
  return [...states.entries()]
    .filter(([name]) => name.includes(database) && name.includes('rx-replication-meta'))
    .flatMap(([, state]) => [...state.documents.values()])
    .filter((row) => row.isCheckpoint === '0')
    .map((row) => row.itemId as string);
}

describe('pulled case events without a replication meta copy', () => {
  it('stores pulled events once, keeps the meta row of an event made here, and pushes no pulled event', async () => {
    // another desk of the same village makes an application first
    const other = await staffReplica({ serverUrl: suite.server.url, username: 'village-430182104201', actor: actors.clerk });
    open.push(other);
    const theirs = await other.commands.submitApplication(submission());
    await other.awaitInSync();

    const storage = getRxStorageMemory();
    const name = `pulled-meta-${process.pid}`;
    const pushed: string[] = [];
    const clerk = await staffReplica({ serverUrl: suite.server.url, username: 'village-430182104201', actor: actors.clerk, storage: storage as never, name });
    open.push(clerk);
    const events = clerk.replications.find((r) => r.name === 'caseEvents');
    events?.state.sent$.subscribe((doc) => pushed.push(doc.id as string));
    await clerk.awaitInSync();
    const pulled = await clerk.collection('caseEvents').find({ selector: { caseId: theirs.caseId } }).exec();
    expect(pulled).toHaveLength(1);
    expect(metaItemIds(storage, name)).toEqual([]);

    const mine = await clerk.commands.submitApplication(submission());
    const mineEvent = await clerk.collection('caseEvents').findOne({ selector: { caseId: mine.caseId } }).exec();
    const mineId = mineEvent?.get('id') as string;
    await waitFor(async () => pushed.includes(mineId), { timeoutMs: 20_000, description: 'the clerk\'s own event pushed' });
    // the clerk's own event comes back through the live stream; a resync reads everything again
    clerk.reconnectNow();
    await clerk.awaitInSync();
    await waitFor(async () => (await clerk.collection('cases').findOne(mine.caseId).exec())?.get('status') === 'submitted',
      { timeoutMs: 20_000, description: 'the clerk\'s case projected' });

    expect(metaItemIds(storage, name)).toEqual([mineId]);
    // (the acknowledgement — pendingPush false — is a local change RxDB pushes once more)
    expect([...new Set(pushed)]).toEqual([mineId]);
    // the other desk's event is still here after the resync (it was not pushed, and so not refused and dropped)
    expect(await clerk.collection('caseEvents').findOne(pulled[0]?.get('id') as string).exec()).not.toBeNull();
    const status = (await clerk.collection('cases').findOne(theirs.caseId).exec())?.get('status');
    expect(status).toBe('submitted');
  });
});
