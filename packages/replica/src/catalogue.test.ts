// Items and regions are keyed by `code` on the server and by `id` in every local collection:
// a desk pulls them with id = code, an administrator's rename is pushed without the local key
// (the server refuses unknown fields) and reaches the desk — here a desk that keeps no stream
// for them (a browser's connections are few) and pulls them again every `pollMs`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@onetrip/testkit';
import type { Actor } from '@onetrip/domain';
import type { Replica } from './open-replica';
import { actors } from './node/fixtures';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openReplica } from './open-replica';
import { passwordCredentials } from './http-client';
import { staffReplica } from './node/replicas';
import { DEMO_PASSWORD, demoLogin, startSyncServer, type SyncServerProcess } from './node/sync-server-process';

const admin: Actor = { id: 'admin', role: 'admin', level: 'city', regionCode: '430182000000' };

describe('catalogue collections (items, regions)', () => {
  let server: SyncServerProcess;
  let desk: Replica;
  let office: Replica;

  beforeAll(async () => {
    server = await startSyncServer();
    desk = await openReplica({
      role: 'villageClerk', scope: { regionCode: actors.clerk.regionCode, deviceId: 'desk-catalogue', userId: 'village-430182104201' },
      serverUrl: server.url, credentials: passwordCredentials(server.url, 'village-430182104201', DEMO_PASSWORD),
      encryptionKey: new Uint8Array(32).fill(9), storage: getRxStorageMemory() as never, name: `desk-catalogue-${process.pid}`,
      collections: ['caseEvents', 'items', 'regions'], streams: ['caseEvents'], pollMs: 300, backoff: { baseMs: 50, maxMs: 500 },
    });
    office = await staffReplica({ serverUrl: server.url, username: 'admin', actor: admin, collections: ['items'] });
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await office?.close();
    await server?.dispose();
  });

  it('pulls items and regions with their code as the local key', async () => {
    await desk.awaitInSync();
    const item = await desk.collection('items').findOne('MZ-TK-01').exec();
    expect(item?.get('code')).toBe('MZ-TK-01');
    expect(item?.get('name')).toEqual({ zh: '特困供养申请', en: 'Support for people in extreme poverty' });
    const region = await desk.collection('regions').findOne('430182104201').exec();
    expect(region?.get('level')).toBe('village');
    expect(desk.replications.filter((r) => r.stream !== undefined).map((r) => r.name)).toEqual(['caseEvents']);
  }, 60_000);

  it('pushes a rename without the local key, and the desk pulls it on its next round', async () => {
    await office.awaitInSync();
    const doc = await office.collection('items').findOne('MZ-TK-01').exec();
    await doc!.incrementalPatch({ name: { zh: '特困人员救助供养', en: 'Support for people in extreme poverty (renamed)' } });
    await office.awaitInSync();
    const token = await demoLogin(server.url, 'admin');
    const res = await fetch(`${server.url}/api/v1/replication/items/pull?updatedAt=0&limit=1000`, { headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' } });
    const onServer = ((await res.json()) as { documents: Record<string, unknown>[] }).documents.find((d) => d.code === 'MZ-TK-01');
    expect(onServer?.name).toEqual({ zh: '特困人员救助供养', en: 'Support for people in extreme poverty (renamed)' });
    expect(onServer).not.toHaveProperty('id');
    await waitFor(async () => ((await desk.collection('items').findOne('MZ-TK-01').exec())?.get('name') as { zh?: string } | undefined)?.zh === '特困人员救助供养',
      { timeoutMs: 30_000, description: 'the rename on the desk' });
  }, 60_000);
});
