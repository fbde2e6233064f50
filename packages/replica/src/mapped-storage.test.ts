// The mapped storage (memory + an IndexedDB log) under RxDB, on fake-indexeddb in Node: what
// is written survives a reopen exactly, deletions included; the log is compacted; change
// events come only after the write is on disk; a write IndexedDB refuses stops the instance.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { dexieDatabaseName } from './browser/index';
import { createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import { getRxStorageMappedIndexedDb, logDatabaseName } from './mapped-storage';
import type { MappedStorageOptions } from './mapped-storage';
import { ReplicaError } from './errors';
import { waitFor } from '@onetrip/testkit';

type Doc = { id: string; n: number; tag?: string };
const schema: RxJsonSchema<Doc> = {
  version: 0, primaryKey: 'id', type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, n: { type: 'number', minimum: 0, maximum: 1_000_000, multipleOf: 1 }, tag: { type: 'string', maxLength: 20 } },
  required: ['id', 'n'], indexes: ['n'],
};

const opened: RxDatabase[] = [];
let names = 0;
afterEach(async () => { for (const db of opened.splice(0)) await db.close(); });

async function open(factory: IDBFactory, name: string, options: MappedStorageOptions = {}): Promise<{ db: RxDatabase; items: RxCollection<Doc> }> {
  const db = await createRxDatabase({ name, storage: getRxStorageMappedIndexedDb({ indexedDB: factory, ...options }), multiInstance: false, closeDuplicates: false });
  opened.push(db);
  await db.addCollections({ items: { schema } });
  return { db, items: db.collections.items as RxCollection<Doc> };
}

async function close(db: RxDatabase): Promise<void> {
  const at = opened.indexOf(db);
  if (at < 0) return;
  opened.splice(at, 1);
  await db.close();
}

async function logRecords(factory: IDBFactory, name: string): Promise<Array<{ docs: Array<Record<string, unknown>> }>> {
  const raw = await rawRecords(factory, name);
  return raw.map((r) => ({ docs: JSON.parse(r.json) as Array<Record<string, unknown>> }));
}

async function rawRecords(factory: IDBFactory, name: string): Promise<Array<{ json: string }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction('log', 'readonly').objectStore('log').getAll();
      req.onsuccess = () => resolve(req.result as Array<{ json: string }>);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** What the log says, read from IndexedDB: the newest version of each document, deleted ones left out. */
async function onDisk(factory: IDBFactory, name: string): Promise<Record<string, { n: unknown; tag: unknown }>> {
  const current = new Map<string, Record<string, unknown>>();
  for (const record of await logRecords(factory, logDatabaseName(name, 'items', 0))) for (const d of record.docs) current.set(d.id as string, d);
  return Object.fromEntries([...current].filter(([, d]) => d._deleted !== true).map(([id, d]) => [id, { n: d.n, tag: d.tag }]));
}

const contents = async (items: RxCollection<Doc>) =>
  Object.fromEntries((await items.find().exec()).map((d) => [d.id, { n: d.n, tag: d.tag }]));

type Op =
  | { kind: 'upsert'; docs: Array<{ id: string; n: number; tag?: string }> }
  | { kind: 'burst'; writes: Array<{ id: string; n: number }> }
  | { kind: 'remove'; id: string }
  | { kind: 'reopen' };

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), docs: fc.uniqueArray(fc.record({ id, n: fc.nat({ max: 1000 }), tag: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) }), { minLength: 1, maxLength: 4, selector: (d) => d.id }) }),
  // several writes issued at once, none awaited before the next (a catch-up's pages)
  fc.record({ kind: fc.constant('burst' as const), writes: fc.uniqueArray(fc.record({ id, n: fc.nat({ max: 1000 }) }), { minLength: 2, maxLength: 6, selector: (w) => w.id }) }),
  fc.record({ kind: fc.constant('remove' as const), id }),
  fc.constant({ kind: 'reopen' as const }),
);

describe('mapped storage (memory + IndexedDB log)', () => {
  it('holds after every reopen exactly what was written, deletions included (property, fast-check)', async () => {
    // thresholds small enough that every kind of compaction happens: on open, at once (a small
    // log), and in the background while the next writes go on (then the disk is checked mid-way)
    const limits = fc.record({
      compactAfterRecords: fc.integer({ min: 1, max: 6 }),
      compactNowDocuments: fc.constantFrom(0, 2, 2_000),
      compactInBackgroundAfter: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), limits, async (ops, options) => {
      const factory = new IDBFactory();
      const name = `prop${++names}`;
      let { db, items } = await open(factory, name, options);
      const model = new Map<string, { n: number; tag: string | undefined }>();
      try {
      for (const o of ops) {
        if (o.kind === 'upsert') {
          await items.bulkUpsert(o.docs.map((d) => (d.tag === undefined ? { id: d.id, n: d.n } : d)));
          for (const d of o.docs) model.set(d.id, { n: d.n, tag: d.tag });
        } else if (o.kind === 'burst') {
          await Promise.all(o.writes.map((w) => items.upsert(w)));
          for (const w of o.writes) model.set(w.id, { n: w.n, tag: undefined });
        } else if (o.kind === 'remove') {
          await (await items.findOne(o.id).exec())?.remove();
          model.delete(o.id);
        } else {
          await close(db);
          ({ db, items } = await open(factory, name, options));
        }
        expect(await contents(items)).toEqual(Object.fromEntries(model));
        expect(await onDisk(factory, name)).toEqual(Object.fromEntries(model)); // the log itself, not only memory
      }
      await close(db);
      ({ db, items } = await open(factory, name, options));
      expect(await contents(items)).toEqual(Object.fromEntries(model));
      // queries by index answer from the loaded data too
      const sorted = await items.find({ sort: [{ n: 'asc' }, { id: 'asc' }] }).exec();
      expect(sorted.map((d) => d.id)).toEqual([...model].sort(([ia, a], [ib, b]) => a.n - b.n || (ia < ib ? -1 : 1)).map(([k]) => k));
      } finally {
        await close(db);
      }
    }), { numRuns: 100 });
  });

  it('rewrites a long log as a snapshot when it opens, keeping deleted documents as tombstones', async () => {
    const factory = new IDBFactory();
    let { db, items } = await open(factory, 'compact', { compactAfterRecords: 5 });
    for (let i = 0; i < 12; i++) await items.insert({ id: `d${i}`, n: i }); // twelve records
    await (await items.findOne('d3').exec())!.remove();
    const log = logDatabaseName('compact', 'items', 0);
    // d3's own record went with the write that replaced its only document
    expect((await logRecords(factory, log)).length).toBe(12);
    await close(db);
    ({ db, items } = await open(factory, 'compact', { compactAfterRecords: 5 }));
    const records = await logRecords(factory, log);
    expect(records).toHaveLength(1);
    expect(records[0]!.docs).toHaveLength(12);
    expect(records[0]!.docs.find((d) => d.id === 'd3')?._deleted).toBe(true);
    expect(await items.count().exec()).toBe(11);
  });

  it('takes a replaced version off the disk at once (what retention strips leaves IndexedDB)', async () => {
    const factory = new IDBFactory();
    const { items } = await open(factory, 'strip');
    await items.bulkInsert([{ id: 'p', n: 1, tag: '周桂英' }, { id: 'q', n: 2 }]); // one record, both documents
    const raw = async () => JSON.stringify(await rawRecords(factory, logDatabaseName('strip', 'items', 0)));
    expect(await raw()).toContain('周桂英');
    await (await items.findOne('p').exec())!.incrementalModify((d) => ({ id: d.id, n: d.n }));
    expect(await raw()).not.toContain('周桂英');
    await (await items.findOne('q').exec())!.remove();
    expect((await logRecords(factory, logDatabaseName('strip', 'items', 0))).flatMap((r) => r.docs.map((d) => `${String(d.id)}:${String(d._deleted)}`)).sort())
      .toEqual(['p:false', 'q:true']);
  });

  it('takes a replaced version out of a small record at once, whatever the size of the log', async () => {
    const factory = new IDBFactory();
    // compaction of the whole log is off: only the small-record rule can take the name out
    const { items } = await open(factory, 'thin', { compactNowDocuments: 0, compactInBackgroundAfter: 1e9 });
    await items.bulkInsert(Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, n: i })));
    await items.bulkInsert([{ id: 'p', n: 1, tag: '周桂英' }, { id: 'q', n: 2 }]);
    const raw = async () => JSON.stringify(await rawRecords(factory, logDatabaseName('thin', 'items', 0)));
    await (await items.findOne('p').exec())!.incrementalModify((d) => ({ id: d.id, n: d.n }));
    expect(await raw()).not.toContain('周桂英');
    // a large record (a pulled page) keeps its replaced versions until a compaction
    await (await items.findOne('t3').exec())!.incrementalModify((d) => ({ ...d, n: 333 }));
    const versions = (await logRecords(factory, logDatabaseName('thin', 'items', 0))).flatMap((r) => r.docs).filter((d) => d.id === 't3');
    expect(versions.map((d) => d.n).sort()).toEqual([3, 333]);
    expect(await onDisk(factory, 'thin')).toMatchObject({ p: { n: 1, tag: undefined }, q: { n: 2 }, t3: { n: 333 } });
  });

  it('rewrites a larger log in the background while writes go on, and old versions leave the disk', async () => {
    const factory = new IDBFactory();
    const { items } = await open(factory, 'background', { compactNowDocuments: 0, compactInBackgroundAfter: 1 });
    const log = logDatabaseName('background', 'items', 0);
    await items.bulkInsert(Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, n: i, tag: 'old' })));
    // one document at a time: b0–b5 replaced, their old versions left in the first record; the
    // sixth makes replaced versions more than half the documents, which starts the rewrite
    for (let i = 0; i < 6; i++) await items.upsert({ id: `b${i}`, n: i, tag: 'new' });
    const settled = await waitFor(async () => {
      const records = await logRecords(factory, log);
      return records.flatMap((r) => r.docs).length === 10 ? records : null;
    }, { timeoutMs: 10_000, description: 'the log rewritten to one version per document' });
    expect(settled.flatMap((r) => r.docs).filter((d) => d.tag === 'old').map((d) => d.id).sort()).toEqual(['b6', 'b7', 'b8', 'b9']);
    expect(await onDisk(factory, 'background')).toEqual(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`b${i}`, { n: i, tag: i < 6 ? 'new' : 'old' }])));
  });

  it('passes a change on only once it is in IndexedDB', async () => {
    const factory = new IDBFactory();
    const { items } = await open(factory, 'events');
    const log = logDatabaseName('events', 'items', 0);
    const seen: boolean[] = [];
    const order: string[] = [];
    const checks: Promise<void>[] = [];
    const sub = items.$.subscribe((e) => {
      order.push(e.documentId);
      checks.push(logRecords(factory, log).then((records) => { seen.push(records.some((r) => r.docs.some((d) => d.id === e.documentId))); }));
    });
    // issued together: each event still waits for its own write to be on disk, and they leave in order
    await Promise.all([items.bulkInsert([{ id: 'x', n: 1 }, { id: 'y', n: 2 }]), items.insert({ id: 'z', n: 3 })]);
    sub.unsubscribe();
    await Promise.all(checks);
    expect(seen).toEqual([true, true, true]);
    expect(order).toEqual(['x', 'y', 'z']);
  });

  it('stops with REPLICA_STORAGE_FAILED when IndexedDB refuses a write, and passes no change on', async () => {
    const factory = new IDBFactory();
    const { items } = await open(factory, 'quota');
    await items.insert({ id: 'kept', n: 1 });
    // from now on every read-write transaction of this factory fails as a full disk would
    const real = IDBDatabase.prototype.transaction;
    const failing = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = real.apply(this, args);
      if (args[1] === 'readwrite') queueMicrotask(() => tx.abort());
      return tx;
    };
    const events: string[] = [];
    const sub = items.$.subscribe((e) => events.push(e.documentId));
    IDBDatabase.prototype.transaction = failing as IDBDatabase['transaction'];
    try {
      const err = await items.insert({ id: 'lost', n: 2 }).catch((e: unknown) => e);
      expect(JSON.stringify(err)).toMatch(/REPLICA_STORAGE_FAILED|IndexedDB/);
    } finally {
      IDBDatabase.prototype.transaction = real;
      sub.unsubscribe();
    }
    expect(events).toEqual([]);
    // memory may be ahead of the disk now: the instance takes no further reads or writes
    for (const later of [
      await items.insert({ id: 'after', n: 3 }).catch((e: unknown) => e),
      await items.storageInstance.findDocumentsById(['kept'], false).catch((e: unknown) => e),
    ]) {
      expect(later).toBeInstanceOf(ReplicaError);
      expect((later as ReplicaError).code).toBe('REPLICA_STORAGE_FAILED');
    }
  });

  it('takes over what the Dexie storage held for the database (deleted documents too), then removes it there', async () => {
    const factory = new IDBFactory();
    const dexie = () => getRxStorageDexie({ indexedDB: factory, IDBKeyRange });
    const before = await createRxDatabase({ name: 'upgrade', storage: dexie(), multiInstance: false, closeDuplicates: false });
    await before.addCollections({ items: { schema } });
    const old = before.collections.items as RxCollection<Doc>;
    await old.bulkInsert(Array.from({ length: 1_200 }, (_, i) => ({ id: `u${i}`, n: i, ...(i % 2 ? { tag: '甲' } : {}) })));
    await (await old.findOne('u7').exec())!.remove();
    await before.close();
    const legacyName = dexieDatabaseName('upgrade', 'items', 0);
    expect((await factory.databases()).map((d) => d.name)).toContain(legacyName);

    const importFrom = { storage: dexie(), databaseName: dexieDatabaseName };
    let { db, items } = await open(factory, 'upgrade', { importFrom });
    expect(await items.count().exec()).toBe(1_199);
    expect((await items.findOne('u9').exec())?.tag).toBe('甲');
    expect(await items.findOne('u7').exec()).toBeNull();
    expect((await factory.databases()).map((d) => d.name)).not.toContain(legacyName);
    const log = await logRecords(factory, logDatabaseName('upgrade', 'items', 0));
    expect(log.flatMap((r) => r.docs).find((d) => d.id === 'u7')?._deleted).toBe(true);

    await items.insert({ id: 'new', n: 5 });
    await close(db);
    ({ db, items } = await open(factory, 'upgrade', { importFrom }));
    expect(await items.count().exec()).toBe(1_200);
  });
});
