// Opens replicas against a test sync server (Node tests): memory storage, a fresh database
// name each time (the memory storage is one map per process), short back-off.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Actor } from '@onetrip/domain';
import { openReplica } from '../open-replica';
import type { OpenReplicaOptions, Replica } from '../open-replica';
import { passwordCredentials } from '../http-client';
import { commandContext } from './fixtures';
import { DEMO_PASSWORD } from './sync-server-process';

let counter = 0;

export interface TestReplicaOptions {
  serverUrl: string;
  username: string;
  actor: Actor;
  collections?: OpenReplicaOptions['collections'];
  storage?: OpenReplicaOptions['storage'];
  name?: string;
  clock?: { now: number };
  departmentCode?: string;
  fetch?: typeof fetch;
}

export async function staffReplica(o: TestReplicaOptions): Promise<Replica> {
  const deviceId = `desk-${o.actor.id}-${++counter}`;
  return openReplica({
    role: o.actor.role,
    scope: { regionCode: o.actor.regionCode, deviceId, userId: o.username, ...(o.departmentCode ? { departmentCode: o.departmentCode } : {}) },
    serverUrl: o.serverUrl,
    credentials: passwordCredentials(o.serverUrl, o.username, DEMO_PASSWORD),
    encryptionKey: new Uint8Array(32).fill(9),
    storage: o.storage ?? (getRxStorageMemory() as never),
    name: o.name ?? `${deviceId}-${process.pid}`,
    collections: o.collections ?? ['caseEvents', 'cases'],
    backoff: { baseMs: 50, maxMs: 500 },
    ...(o.fetch ? { fetch: o.fetch } : {}),
    commandContext: commandContext({ ...o.actor, id: o.username }, deviceId, o.clock),
  });
}
