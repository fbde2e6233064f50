// A kiosk against the real sync server: photos upload by SHA-256 before the event that
// references them is pushed, and once the server has the case the kiosk keeps only its
// number, item and status (no name, no ID number, no photo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { waitFor } from '@onetrip/testkit';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { tokenCredentials } from './http-client';
import { commandContext, idNumber, submission } from './node/fixtures';
import { demoLogin, enrollKiosk, startSyncServer } from './node/sync-server-process';
import type { SyncServerProcess } from './node/sync-server-process';

let server: SyncServerProcess;
let replica: Replica | undefined;
beforeAll(async () => { server = await startSyncServer(); }, 120_000);
afterAll(async () => {
  await replica?.close();
  await server?.dispose();
});

function rawDump(storage: ReturnType<typeof getRxStorageMemory>): string {
  const states = (storage as unknown as { collectionStates: Map<string, { documents: Map<string, unknown> }> }).collectionStates;
  return JSON.stringify([...states.values()].map((s) => [...s.documents.values()]));
}

describe('kiosk replica', () => {
  it('uploads the photo, pushes the application, then drops the personal data', async () => {
    const kiosk = await enrollKiosk(server.url, 'site-430182104000-24h');
    const storage = getRxStorageMemory();
    const actor = { id: kiosk.deviceId, role: 'kiosk' as const, level: 'kiosk' as const, regionCode: kiosk.regionCode };
    replica = await openReplica({
      role: 'kiosk', scope: { regionCode: kiosk.regionCode, deviceId: kiosk.deviceId, siteId: 'site-430182104000-24h' },
      serverUrl: server.url, credentials: tokenCredentials(kiosk.token), encryptionKey: new Uint8Array(32).fill(4),
      storage: storage as never, name: `kiosk-${process.pid}`, collections: ['caseEvents', 'cases', 'blobs'],
      backoff: { baseMs: 50, maxMs: 500 }, commandContext: commandContext(actor, kiosk.deviceId),
    });
    const photo = new TextEncoder().encode(`JPEG bytes of the ID card ${idNumber()}`);
    const ref = await replica.blobs.put(photo, 'image/jpeg');
    const state = await replica.commands.submitApplication({
      ...submission(), itemCode: 'RS-SBK-02', proxy: false, form: { phone: '13800000000' },
      materials: [{ sha256: ref.sha256, mediaType: 'image/jpeg', size: ref.size, materialCode: 'idCard' }],
    });

    const admin = await demoLogin(server.url, 'admin');
    const headers = { authorization: `Bearer ${admin}`, 'x-onetrip-protocol': '1' };
    await waitFor(async () => (await fetch(`${server.url}/api/v1/blobs/${ref.sha256}`, { headers })).ok, { timeoutMs: 90_000, description: 'the photo on the server' });
    const blob = new Uint8Array(await (await fetch(`${server.url}/api/v1/blobs/${ref.sha256}`, { headers })).arrayBuffer());
    expect(new TextDecoder().decode(blob)).toBe(new TextDecoder().decode(photo));

    const retained = await waitFor(async () => {
      const doc = await replica!.collection('cases').findOne(state.caseId).exec();
      return doc?.get('retained') === true ? doc : null;
    }, { timeoutMs: 90_000, description: 'the kiosk dropping the personal data' });
    expect(retained.toJSON()).toMatchObject({ id: state.caseId, itemCode: 'RS-SBK-02', status: 'submitted', state: {} });
    const pulled = await fetch(`${server.url}/api/v1/replication/caseEvents/pull?updatedAt=0&limit=1000`, { headers });
    const onServer = ((await pulled.json()) as { documents: Array<{ caseId: string; payload: { applicant: { idNumber: string } } }> }).documents;
    expect(onServer.find((d) => d.caseId === state.caseId)?.payload.applicant.idNumber).toBe(idNumber());

    expect(await replica.collection('caseEvents').count().exec()).toBe(0);
    const status = await firstValueFrom(replica.status$.pipe(filter((s) => s.pendingDocuments === 0 && s.pendingBlobs === 0)));
    expect(status.lastError).toBeNull();
    const raw = rawDump(storage);
    expect(raw).toContain(state.caseId);
    // not even encrypted: the kiosk no longer holds the applicant at all
    for (const doc of await replica.collection('cases').find().exec()) expect(JSON.stringify(doc.toJSON())).not.toContain(idNumber());
    const localPhoto = await replica.collection('blobs').findOne(ref.sha256).exec();
    expect(localPhoto?.toJSON()).toMatchObject({ uploaded: true, data: '' });
  }, 240_000);
});
