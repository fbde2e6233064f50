// One sync server per test file, and the replicas the file opens, closed after its tests.
import { afterAll, beforeAll } from 'vitest';
import type { Replica } from '../open-replica';
import { startSyncServer, type SyncServerProcess } from './sync-server-process';

export interface SyncServerSuite {
  /** The file's server (started before its first test). */
  readonly server: SyncServerProcess;
  /** Replicas to close after the file's tests. */
  readonly open: Replica[];
}

export function syncServerSuite(): SyncServerSuite {
  let server: SyncServerProcess | undefined;
  const open: Replica[] = [];
  beforeAll(async () => { server = await startSyncServer(); }, 120_000);
  afterAll(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    await server?.dispose();
  });
  return {
    get server() {
      if (!server) throw new Error('the sync server is started in beforeAll');
      return server;
    },
    open,
  };
}
