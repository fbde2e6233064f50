import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { waitFor } from '@onetrip/testkit';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { tokenCredentials } from './http-client';
import { schemaOf } from './collections';
import { wrapEncryptedStorage } from './encrypted-storage';
import { importEncryptionKey } from './field-crypto';

const ID_NUMBER = '430182199001011234';
const NAME = '李秀英';
const open: Replica[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

function rawDump(storage: ReturnType<typeof getRxStorageMemory>): string {
  const states = (storage as unknown as { collectionStates: Map<string, { documents: Map<string, unknown> }> }).collectionStates;
  return JSON.stringify([...states.values()].map((s) => [...s.documents.values()]));
}

async function offlineReplica(storage = getRxStorageMemory(), key = new Uint8Array(32).fill(7), name = 'kiosk-test') {
  const replica = await openReplica({
    role: 'kiosk', scope: { regionCode: '430182101001', deviceId: 'kiosk-1' },
    serverUrl: 'http://127.0.0.1:9', credentials: tokenCredentials('t'),
    encryptionKey: key, storage: storage as never, name, replicate: false,
    collections: ['caseEvents', 'cases', 'blobs'],
  });
  open.push(replica);
  return replica;
}

const event = {
  id: '01J0000000KIOSK10000000001', caseId: '01J0000000KIOSK10000000000', itemCode: 'LOW-INCOME', regionCode: '430182101001',
  type: 'submitted', deviceId: 'kiosk-1', hlc: '000000000000001-00000-0000abcd', at: '2026-11-27T10:00:00+08:00',
  actor: { id: 'kiosk-1', role: 'kiosk', level: 'kiosk', regionCode: '430182101001' },
  payload: { applicant: { name: NAME, idNumber: ID_NUMBER, phone: '13800000000' }, form: {}, materials: [] },
  pendingPush: true,
};

describe('openReplica (memory storage, offline)', () => {
  it('encrypts personal fields at rest and reads them back in plain text', async () => {
    const storage = getRxStorageMemory();
    const replica = await offlineReplica(storage);
    await replica.collection('caseEvents').insert(event);
    const back = await replica.collection('caseEvents').findOne(event.id).exec();
    expect(back?.get('payload')).toEqual(event.payload);
    // the memory storage moves writes into its maps when idle; the non-personal fields stay queryable
    const raw = await waitFor(() => (rawDump(storage).includes(event.caseId) ? rawDump(storage) : null), { description: 'the event in the memory storage' });
    expect(raw).not.toContain(ID_NUMBER);
    expect(raw).not.toContain(NAME);
    expect(raw).toContain('enc1:');
  });

  it('stores blobs encrypted and counts them as waiting for upload', async () => {
    const storage = getRxStorageMemory();
    const replica = await offlineReplica(storage);
    const photo = new TextEncoder().encode(`photo of ${ID_NUMBER}`);
    const ref = await replica.blobs.put(photo, 'image/jpeg');
    expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new TextDecoder().decode(await replica.blobs.get(ref.sha256))).toContain(ID_NUMBER);
    expect(rawDump(storage)).not.toContain(btoa(`photo of ${ID_NUMBER}`));
    expect(await replica.blobs.isUploaded(ref.sha256)).toBe(false);
  });

  it('refuses to open encrypted data with another key', async () => {
    const storage = getRxStorageMemory();
    const first = await offlineReplica(storage, new Uint8Array(32).fill(1), 'keyed');
    await first.collection('caseEvents').insert(event);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await offlineReplica(storage, new Uint8Array(32).fill(2), 'keyed');
    await expect(second.collection('caseEvents').findOne(event.id).exec()).rejects.toMatchObject({ code: 'REPLICA_DECRYPT_FAILED' });
  });

  it('migrates case events written by release 0 when a kiosk opens them after an upgrade', async () => {
    const storage = getRxStorageMemory();
    const key = await importEncryptionKey(new Uint8Array(32).fill(3));
    const v1 = schemaOf('caseEvents');
    const v0 = { ...v1, version: 0, properties: { ...v1.properties, device: { type: 'string' }, acknowledged: { type: 'boolean' } } };
    const old = await createRxDatabase({ name: 'upgraded', storage: wrapEncryptedStorage(storage, async () => key), multiInstance: false });
    await old.addCollections({ caseEvents: { schema: v0 as never } });
    const { deviceId: _d, pendingPush: _p, ...legacy } = event;
    await old.collections.caseEvents!.insert({ ...legacy, device: 'kiosk-1', acknowledged: false });
    await old.close();

    const replica = await offlineReplica(storage, new Uint8Array(32).fill(3), 'upgraded');
    const doc = await replica.collection('caseEvents').findOne(event.id).exec();
    expect(doc?.toJSON()).toMatchObject({ deviceId: 'kiosk-1', pendingPush: true, payload: event.payload });
    expect(doc?.get('device')).toBeUndefined();
  });
});
