import { describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, getRxReplicationMetaInstanceSchema, randomToken } from 'rxdb';
import type { RxDocumentData, RxJsonSchema, RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { schemaOf } from './collections';
import { wrapEncryptedStorage } from './encrypted-storage';
import { decryptValue, encryptValue, importEncryptionKey } from './field-crypto';
import { serveSealing, workerSealer } from './sealer';
import type { Sealer, SealPort } from './sealer';

type Doc = Record<string, unknown>;
const ID_NUMBER = '430182199001011234';
const META = 'rx-replication-meta-test';

function rawDocs(storage: ReturnType<typeof getRxStorageMemory>, database: string, collection: string): Doc[] {
  const states = (storage as unknown as { collectionStates: Map<string, { documents: Map<string, Doc> }> }).collectionStates;
  return [...states.entries()].filter(([name]) => name.includes(database) && name.includes(collection)).flatMap(([, state]) => [...state.documents.values()]);
}

async function setup(sealer?: Sealer) {
  const memory = getRxStorageMemory();
  const key = await importEncryptionKey(new Uint8Array(32).fill(3));
  const storage = wrapEncryptedStorage(memory, () => Promise.resolve(key), sealer);
  const databaseName = `enc-${randomToken(8)}`;
  const parentSchema = fillWithDefaultSettings(schemaOf('caseEvents')) as RxJsonSchema<RxDocumentData<Doc>>;
  const base = { databaseName, databaseInstanceToken: randomToken(10), options: {}, multiInstance: false, devMode: false };
  const events = await storage.createStorageInstance<Doc>({ ...base, collectionName: 'caseEvents', schema: parentSchema });
  const metaSchema = getRxReplicationMetaInstanceSchema(parentSchema, true) as unknown as RxJsonSchema<RxDocumentData<Doc>>;
  const meta = await storage.createStorageInstance<Doc>({ ...base, collectionName: META, schema: metaSchema });
  const rawMeta = await memory.createStorageInstance<Doc>({ ...base, collectionName: META, schema: { ...metaSchema, encrypted: [] } as never });
  return { memory, key, events, meta, rawMeta, raw: (collection: string) => rawDocs(memory, databaseName, collection) };
}

const event = (id: string): Doc => ({
  id, caseId: `case-${id}`, type: 'submitted', regionCode: '430182104201',
  payload: { applicant: { name: '李秀英', idNumber: ID_NUMBER } },
  _deleted: false, _rev: '1-a', _meta: { lwt: 1_000 }, _attachments: {},
});

const metaRow = (docData: Doc | string, id: string): Doc => ({
  id: `${id}|0`, isCheckpoint: '0', itemId: id, docData, _deleted: false, _rev: '1-m', _meta: { lwt: 1_000 }, _attachments: {},
});

async function write(instance: RxStorageInstance<Doc, unknown, unknown>, doc: Doc) {
  const result = await instance.bulkWrite([{ document: doc as RxDocumentData<Doc> }], 'test');
  expect(result.error).toEqual([]);
}

describe('encrypted storage: large writes', () => {
  it('seals through a worker sealer (a MessageChannel here) what the thread can open, and keeps no plain text', async () => {
    const channel = new MessageChannel();
    serveSealing(channel.port2 as unknown as SealPort);
    channel.port2.start();
    const sealer = workerSealer(channel.port1 as unknown as SealPort);
    channel.port1.start();
    try {
      const { events, key, raw } = await setup(sealer);
      const docs = Array.from({ length: 250 }, (_, i) => event(`w-${String(i).padStart(3, '0')}`));
      const result = await events.bulkWrite(docs.map((d) => ({ document: d as RxDocumentData<Doc> })), 'test');
      expect(result.error).toEqual([]);
      const back = await events.findDocumentsById(['w-000', 'w-249'], false);
      expect(back.map((d) => (d.payload as { applicant: { idNumber: string } }).applicant.idNumber)).toEqual([ID_NUMBER, ID_NUMBER]);
      // (read after a read: the memory storage applies its last write to its map lazily)
      const stored = raw('caseEvents');
      expect(stored).toHaveLength(250);
      expect(JSON.stringify(stored)).not.toContain(ID_NUMBER);
      const one = stored.find((d) => d.id === 'w-123') as Doc;
      expect(await decryptValue(key, one.payload as string, 'caseEvents/w-123')).toEqual(docs[123]?.payload);
      expect(sealer.where).toBe('worker');
    } finally {
      channel.port1.close();
      channel.port2.close();
    }
  });

  it('writes a large bulk in parts of 100 rows, each with its change events, and loses no row', async () => {
    const { events } = await setup();
    const bulks: number[] = [];
    const sub = events.changeStream().subscribe((bulk) => bulks.push(bulk.events.length));
    const docs = Array.from({ length: 250 }, (_, i) => event(`big-${String(i).padStart(3, '0')}`));
    const conflict = { ...event('big-007'), _rev: '2-b' };
    const result = await events.bulkWrite([...docs, conflict].map((d) => ({ document: d as RxDocumentData<Doc> })), 'test');
    sub.unsubscribe();
    expect(bulks).toEqual([100, 100, 50]);
    expect(result.error.map((e) => [e.documentId, e.status])).toEqual([['big-007', 409]]);
    const back = await events.findDocumentsById(docs.map((d) => d.id as string), false);
    expect(back).toHaveLength(250);
    expect(back.every((d) => (d.payload as Doc).applicant !== undefined)).toBe(true);
  });
});

describe('encrypted storage: replication meta documents', () => {
  it('seals the personal fields of docData with the collection\'s context, reusing the collection\'s ciphertext', async () => {
    const { events, meta, raw } = await setup();
    const doc = event('e1');
    await write(events, doc);
    await write(meta, metaRow(doc, 'e1'));
    const [back] = await meta.findDocumentsById(['e1|0'], false);
    expect((back?.docData as Doc).payload).toEqual(doc.payload);
    await events.findDocumentsById(['e1'], false); // the memory storage applies writes before reads
    const storedEvent = raw('caseEvents')[0];
    const storedMeta = raw(META)[0];
    expect(JSON.stringify([storedEvent, storedMeta])).not.toContain(ID_NUMBER);
    const sealed = (storedMeta?.docData as Doc).payload;
    expect(typeof sealed === 'string' && sealed.startsWith('enc1:')).toBe(true);
    expect(sealed).toBe(storedEvent?.payload); // computed once, stored twice
    expect((storedMeta?.docData as Doc).caseId).toBe('case-e1'); // non-personal fields as in the collection
  });

  it('still reads meta documents of the earlier format (docData sealed whole) and rewrites them in the new one', async () => {
    const { key, meta, rawMeta, raw } = await setup();
    const doc = event('e2');
    const legacy = metaRow(await encryptValue(key, doc, `${META}/e2|0`), 'e2');
    await write(rawMeta, legacy);
    const [back] = await meta.findDocumentsById(['e2|0'], false);
    expect(back?.docData).toEqual(doc);
    const rewrite = await meta.bulkWrite([{ previous: back as RxDocumentData<Doc>, document: { ...back, _rev: '2-m' } as RxDocumentData<Doc> }], 'test');
    expect(rewrite.error).toEqual([]);
    await meta.findDocumentsById(['e2|0'], false); // the memory storage applies writes before reads
    const stored = raw(META).find((d) => d.id === 'e2|0');
    expect(typeof stored?.docData).toBe('object');
    expect(JSON.stringify(stored)).not.toContain(ID_NUMBER);
  });

  it('refuses a meta document moved to another id', async () => {
    const { key, meta, rawMeta } = await setup();
    await write(rawMeta, metaRow(await encryptValue(key, event('e3'), `${META}/e3|0`), 'e4'));
    await expect(meta.findDocumentsById(['e4|0'], false)).rejects.toMatchObject({ code: 'REPLICA_DECRYPT_FAILED' });
  });
});
