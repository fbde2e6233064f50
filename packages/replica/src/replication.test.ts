// The push handler against a real HTTP server on 127.0.0.1 that refuses one row for good.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { createHttpClient, tokenCredentials } from './http-client';
import { batchSizes, createResyncGuard, replicateCollection } from './replication';
import { Subject } from 'rxjs';
import type { StreamItem } from './sse-stream';
import { dropRefusedEvent, isLocalOnlyEvent } from './retention';
import { createSyncTracker } from './status';
import { realTimers } from './timers';
import { actors, commandContext, submission } from './node/fixtures';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('push of case events', () => {
  it('drops a row the server refuses for good, reports it, and pushes the rest', async () => {
    const bodies: Array<Array<{ newDocumentState: { id: string } }>> = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => { text += c.toString(); });
      req.on('end', () => {
        const rows = JSON.parse(text) as Array<{ newDocumentState: { id: string; type: string } }>;
        bodies.push(rows);
        const index = rows.findIndex((r) => r.newDocumentState.type === 'accepted');
        if (index >= 0) {
          res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'CASE_NEEDS_DECISION', message: { zh: '需要决定', en: 'needs a decision' }, index }));
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const replica: Replica = await openReplica({
      role: 'villageClerk', scope: { regionCode: actors.clerk.regionCode, deviceId: 'desk-r', userId: actors.clerk.id },
      serverUrl: url, credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(8),
      storage: getRxStorageMemory() as never, name: `refused-${process.pid}`, replicate: false, collections: ['caseEvents', 'cases'],
      commandContext: commandContext(actors.clerk, 'desk-r'),
    });
    cleanups.push(() => replica.close());
    const submitted = await replica.commands.submitApplication(submission());
    await replica.commands.acceptCase(submitted.caseId);
    const events = replica.collection('caseEvents');
    const tracker = createSyncTracker(Date.now);
    const replication = replicateCollection({
      collection: events, name: 'caseEvents', client: createHttpClient({ serverUrl: url, credentials: tokenCredentials('t') }),
      direction: { pull: false, push: true }, live: false, timers: realTimers, random: Math.random, tracker,
      skipPush: isLocalOnlyEvent,
      onRefused: async (doc, error) => { tracker.failure(error); await dropRefusedEvent(events, doc); },
    });
    cleanups.push(() => replication.cancel());
    await replication.state.awaitInSync();

    expect(bodies.map((b) => b.length)).toEqual([2, 1]);
    const left = await events.find().exec();
    expect(left.map((d) => d.get('type'))).toEqual(['submitted']);
    expect(tracker.state$.value.lastError?.code).toBe('REPLICA_FORBIDDEN');
  });
});

describe('batch sizes', () => {
  it('follow the caller but never exceed what the server accepts per request', () => {
    expect(batchSizes()).toEqual({ pull: 1_000, push: 100 });
    expect(batchSizes(200)).toEqual({ pull: 200, push: 200 });
    expect(batchSizes(1_000)).toEqual({ pull: 1_000, push: 500 });
    expect(batchSizes(5_000)).toEqual({ pull: 1_000, push: 500 });
  });
});

describe('the live stream around a RESYNC', () => {
  const batch = (seq: number): StreamItem => ({ documents: [{ id: `d${seq}`, _deleted: false }], checkpoint: { id: `d${seq}`, updatedAt: seq } });

  it('passes a batch on as a RESYNC until a pull that started after the RESYNC has caught up', async () => {
    const guard = createResyncGuard();
    const items = new Subject<StreamItem>();
    const seen: string[] = [];
    guard.stream(items).subscribe((item) => seen.push(item === 'RESYNC' ? 'RESYNC' : `batch ${item.checkpoint.updatedAt}`));
    let answer = { documents: [] as unknown[] };
    const pull = guard.pull(async (_checkpoint: { id: string; updatedAt: number } | undefined, _batchSize: number) => answer);

    items.next(batch(1)); // before any RESYNC: passed on
    items.next('RESYNC');
    items.next(batch(7)); // the checkpoint of a batch must not jump over what the RESYNC has yet to pull
    answer = { documents: new Array(10).fill({}) };
    await pull(undefined, 10); // a full page: not caught up yet
    items.next(batch(8));
    answer = { documents: [{}] };
    await pull(undefined, 10); // a short page: caught up
    items.next(batch(9));
    expect(seen).toEqual(['batch 1', 'RESYNC', 'RESYNC', 'RESYNC', 'batch 9']);
  });

  it('does not count a pull that started before the RESYNC', async () => {
    const guard = createResyncGuard();
    const items = new Subject<StreamItem>();
    const seen: string[] = [];
    guard.stream(items).subscribe((item) => seen.push(item === 'RESYNC' ? 'RESYNC' : 'batch'));
    let release!: () => void;
    const slow = guard.pull(() => new Promise<{ documents: unknown[] }>((resolve) => { release = () => resolve({ documents: [] }); }));
    const running = slow(undefined, 10); // started before the RESYNC
    items.next('RESYNC');
    release();
    await running;
    items.next(batch(3));
    expect(seen).toEqual(['RESYNC', 'RESYNC']);
  });
});
