// A storage wrapper that keeps RxDB from storing a second copy of every pulled document of an
// append-only collection (case events).
//
// For a replication that pushes as well as pulls, RxDB writes each pulled document twice: to
// the collection and, as the "assumed master state", to the replication's meta instance. The
// copy is what RxDB compares a local change against before pushing it. A case event is never
// changed after it is made: a pulled event is pushed only if this device made it (and then
// the push itself writes its meta row), and the only local changes to a pulled event are
// retention's, which are never pushed (`isLocalOnlyEvent`). So for these collections the
// wrapper leaves out the meta rows the pull *inserts* — a document known only from the pull
// gets no assumed master state, exactly as in RxDB's own pull-only replication
// (`skipStoringPullMeta`). Meta rows that already exist (a pushed event coming back) are
// updated as before, and checkpoints and the push's rows are written unchanged.
//
// What RxDB does without the row: a pulled event pulled again (a resync) is compared with the
// stored one and left alone; an event of this device is pushed with its own meta row. But
// RxDB's push re-reads the collection from its last up-checkpoint on every resync (and after
// a restart), and a pulled event written after that checkpoint, having no assumed master
// state, looks like a local change: so the push must leave out every case event that was not
// made here (`isPulledEvent`) — the server refuses another device's event, and the refusal
// would drop it locally.
import { getPrimaryFieldOfPrimaryKey } from 'rxdb';
import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';

const META_TITLE = 'RxReplicationProtocolMetaData';
/** The context RxDB's downstream writes its meta rows with (rxdb/src/replication-protocol/downstream.ts). */
const PULL_META_CONTEXT = 'replication-down-write-meta';

function skipInsertedPullMeta<T>(instance: RxStorageInstance<T, unknown, unknown>): RxStorageInstance<T, unknown, unknown> {
  const write = instance.bulkWrite.bind(instance);
  instance.bulkWrite = async (rows, context) => {
    if (context !== PULL_META_CONTEXT) return write(rows, context);
    const kept = rows.filter((row) => row.previous !== undefined);
    return kept.length > 0 ? write(kept, context) : { error: [] };
  };
  return instance;
}

/**
 * Wraps `storage` so that the replication meta instances of the `appendOnly` collections do
 * not store the pulled documents' assumed master states.
 */
export function withoutPulledMeta<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  appendOnly: readonly string[],
): RxStorage<Internals, Options> {
  // the properties of each append-only collection, to recognise its meta instance (whose
  // schema repeats them under `docData`; the meta instance's own name is a hash)
  const appendOnlyShapes = new Set<string>();
  return {
    ...storage,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, Options>) {
      const instance = await storage.createStorageInstance(params);
      const schema = params.schema as { title?: string; properties: Record<string, { properties?: unknown }>; primaryKey: unknown };
      if (appendOnly.includes(params.collectionName)) {
        appendOnlyShapes.add(JSON.stringify(schema.properties));
        return instance;
      }
      const docData = schema.properties.docData?.properties;
      const isMeta = schema.title === META_TITLE && getPrimaryFieldOfPrimaryKey(schema.primaryKey as never) === 'id' && docData !== undefined;
      if (isMeta && appendOnlyShapes.has(JSON.stringify(docData))) {
        return skipInsertedPullMeta(instance as RxStorageInstance<T, unknown, unknown>) as RxStorageInstance<T, Internals, Options>;
      }
      return instance;
    },
  };
}

/**
 * A case event this device did not make: only events made here carry `pendingPush` (true
 * until the server has them, then false); pulled ones never do. Such an event is never pushed.
 */
export function isPulledEvent(doc: Record<string, unknown>): boolean {
  return !('pendingPush' in doc);
}
