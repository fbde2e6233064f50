// The push handler against a real HTTP server on 127.0.0.1 that refuses one row for good.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openReplica } from './open-replica';
import type { Replica } from './open-replica';
import { createHttpClient, tokenCredentials } from './http-client';
import { batchSizes, replicateCollection, SAFETY_PULL_MIN_MS } from './replication';
import { dropRefusedEvent, isLocalOnlyEvent } from './retention';
import { createSyncTracker } from './status';
import { realTimers } from './timers';
import { actors, commandContext, submission } from './node/fixtures';
import { waitFor } from '@onetrip/testkit';

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

describe('a live stream that misses a change', () => {
  it('still brings the change with the pull every pollMs', async () => {
    // a server whose stream connects and then stays silent, and whose pull has one ticket once `written`
    let written = false;
    let pulls = 0;
    const ticket = { id: 't1', siteId: 'site-1', regionCode: '430182104201', day: '2026-11-28', number: 1, status: 'waiting', _deleted: false };
    const server = createServer((req, res) => {
      if (req.url?.includes('/pull-stream')) { res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': connected\n\n'); return; }
      pulls++;
      const documents = written ? [ticket] : [];
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ documents, checkpoint: documents.length > 0 ? { id: 't1', updatedAt: 1 } : null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // real timers, except that the safety pull's minute is fired by the test
    const delays: number[] = [];
    const due: Array<() => void> = [];
    const timers = {
      ...realTimers,
      setTimeout: (fn: () => void, ms: number) => {
        if (ms !== SAFETY_PULL_MIN_MS) return realTimers.setTimeout(fn, ms);
        delays.push(ms);
        due.push(fn);
        return -1;
      },
      clearTimeout: (handle: unknown) => { if (handle !== -1) realTimers.clearTimeout(handle); },
    };
    const replica: Replica = await openReplica({
      role: 'villageClerk', scope: { regionCode: actors.clerk.regionCode, deviceId: 'desk-s', userId: actors.clerk.id },
      serverUrl: url, credentials: tokenCredentials('t'), encryptionKey: new Uint8Array(32).fill(8),
      storage: getRxStorageMemory() as never, name: `silent-${process.pid}`, replicate: false, collections: ['tickets'],
    });
    cleanups.push(() => replica.close());
    const replication = replicateCollection({
      collection: replica.collection('tickets'), name: 'tickets', client: createHttpClient({ serverUrl: url, credentials: tokenCredentials('t') }),
      direction: { pull: true, push: false }, live: true, timers, random: Math.random, tracker: createSyncTracker(Date.now), pollMs: 200,
    });
    cleanups.push(() => replication.cancel());
    await replication.state.awaitInSync();
    const before = pulls;
    written = true; // a change the stream never tells of
    expect(delays).toContain(SAFETY_PULL_MIN_MS); // with a stream, pulled at most once a minute
    for (const fire of due.splice(0)) fire(); // the minute is up
    await waitFor(async () => (await replica.collection('tickets').findOne('t1').exec()) !== null, { timeoutMs: 10_000, description: 'the ticket pulled' });
    expect(pulls).toBeGreaterThan(before);
    expect(replication.stream).toBeDefined(); // it had a stream all along
  });
});
