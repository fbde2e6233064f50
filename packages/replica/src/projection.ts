// The `cases` projection on the device: every case's events folded by the domain's foldCase
// (the same pure function the server runs), written to the local `cases` collection.
// It runs after local writes (commands) and after pulled events, so a desk sees the same
// status as the server — including `needsDecision` when two offline actors forked a case.
import { bufferTime, filter, mergeMap } from 'rxjs';
import type { Subscription } from 'rxjs';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { BulkWriteRow, RxCollection } from 'rxdb';
import { CaseEvent, foldCase } from '@onetrip/domain';
import type { CaseContext, CaseState } from '@onetrip/domain';
import { yieldToMainThread } from './pace';
import { replicaError } from './errors';

type Doc = Record<string, unknown>;

export function toCaseEvent(doc: Doc): CaseEvent | null {
  const { pendingPush: _p, retained: _r, _meta: _m, _rev: _v, _attachments: _a, _deleted: _d, updatedAt: _u, ...rest } = doc;
  const parsed = CaseEvent.safeParse(rest);
  return parsed.success ? parsed.data : null;
}

export async function loadCaseEvents(events: RxCollection<Doc>, caseId: string): Promise<CaseEvent[]> {
  const docs = await events.find({ selector: { caseId } }).exec();
  return docs.flatMap((d) => {
    const event = toCaseEvent(d.toJSON() as Doc);
    return event ? [event] : [];
  });
}

export function projectionDoc(state: CaseState, eventCount: number): Doc {
  return {
    id: state.caseId, caseNumber: state.caseId, itemCode: state.itemCode, regionCode: state.regionCode,
    status: state.status, needsDecision: state.needsDecision, eventCount, retained: false, state,
  };
}

/** Folds one case's events and writes the projection; a case whose data was retained stays as it is. */
export async function projectCase(collections: { caseEvents: RxCollection<Doc>; cases: RxCollection<Doc> }, caseId: string, ctx?: CaseContext): Promise<CaseState | null> {
  const existing = await collections.cases.findOne(caseId).exec();
  if (existing?.get('retained') === true) return null;
  const events = await loadCaseEvents(collections.caseEvents, caseId);
  const state = foldCase(events, ctx);
  if (!state) return null;
  await collections.cases.upsert(projectionDoc(state, events.length));
  return state;
}

/**
 * The documents matching a selector, read from the collection's storage as RxDB's own queries
 * do (deleted ones left out) but without making an RxDocument of each: the projection reads
 * every pulled event once, and RxDB would cache an RxDocument (a weak reference the garbage
 * collector has to visit) for each of them.
 */
async function storedDocs(collection: RxCollection<Doc>, selector: Record<string, unknown>): Promise<Doc[]> {
  const schema = collection.schema.jsonSchema;
  const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { ...selector, _deleted: { $eq: false } } }));
  const result = await collection.storageInstance.query(query);
  return result.documents as Doc[];
}

/** How many (undeleted) documents match a selector, counted on an index without reading them. */
async function storedCount(collection: RxCollection<Doc>, selector: Record<string, unknown>): Promise<number> {
  const schema = collection.schema.jsonSchema;
  const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { ...selector, _deleted: { $eq: false } } }));
  return (await collection.storageInstance.count(query)).count;
}

/**
 * The events of many cases, one exact index lookup per case, all at once. (A `caseId $in`
 * query would be one lookup, but RxDB's Dexie storage runs it as the index range from the
 * smallest to the largest id, and counting or reading such ranges walked most of the
 * collection when the ids of a batch were far apart.)
 *
 * `known` holds, per case, the events that were just written (from the change stream). When
 * the collection holds exactly that many events of the case, they are the case's events and
 * are not read again: an index count reads no documents, where a lookup reads, clones and
 * opens each of them. (In a catch-up nearly every case is new, and its events arrive together.)
 */
export async function loadEventsOfCases(events: RxCollection<Doc>, caseIds: readonly string[], known?: ReadonlyMap<string, readonly Doc[]>): Promise<Map<string, CaseEvent[]>> {
  const byCase = new Map<string, CaseEvent[]>(caseIds.map((id) => [id, []]));
  const found = await Promise.all([...byCase.keys()].map(async (caseId) => {
    const fresh = known?.get(caseId);
    if (fresh && fresh.length > 0 && (await storedCount(events, { caseId })) === fresh.length) return fresh;
    return storedDocs(events, { caseId });
  }));
  for (const doc of found.flat()) {
    const event = toCaseEvent(doc);
    if (event) byCase.get(event.caseId)?.push(event);
  }
  return byCase;
}

/** The context of the projection's storage writes. */
const PROJECTION_WRITE = 'onetrip-cases-projection';

/**
 * Folds many cases at once: one read of their projections, their events, one bulk write.
 * A case whose data was retained stays as it is.
 *
 * The write goes to the collection's storage (which sets `_rev` and `_meta` and emits the
 * change events, as a collection write does) rather than through `bulkUpsert`, which would
 * make and cache an RxDocument of every case it writes — 50,000 of them in a large catch-up,
 * each a weak reference for the garbage collector. A case written meanwhile by someone else
 * (a conflict) is folded again on its own.
 */
export async function projectCases(
  collections: { caseEvents: RxCollection<Doc>; cases: RxCollection<Doc> }, caseIds: readonly string[], ctx?: CaseContext,
  known?: ReadonlyMap<string, readonly Doc[]>,
): Promise<void> {
  if (caseIds.length === 0) return;
  const existing = new Map((await collections.cases.storageInstance.findDocumentsById([...caseIds], true)).map((d) => [(d as Doc).id as string, d]));
  const open = caseIds.filter((id) => { const d = existing.get(id); return !d || d._deleted || (d as Doc).retained !== true; });
  const eventsOf = await loadEventsOfCases(collections.caseEvents, open, known);
  const rows: BulkWriteRow<Doc>[] = [];
  for (const events of eventsOf.values()) {
    const state = foldCase(events, ctx);
    if (!state) continue;
    const previous = existing.get(state.caseId);
    const document = { ...projectionDoc(state, events.length), _deleted: false, _attachments: {}, _meta: { ...(previous?._meta ?? { lwt: 0 }) }, _rev: '' };
    rows.push(previous ? { previous, document } : { document });
  }
  if (rows.length === 0) return;
  const { error } = await collections.cases.storageInstance.bulkWrite(rows, PROJECTION_WRITE);
  for (const e of error) {
    if (e.status !== 409) throw replicaError('REPLICA_STORAGE_FAILED', e);
    await projectCase(collections, e.documentId, ctx);
  }
}

/**
 * The events a batch of changes wrote, per case (the newest state of each event). A case with
 * a deletion in the batch is left out: its events are read from the collection.
 */
export function writtenEventsOf(batch: readonly { operation: string; documentData: Doc }[]): Map<string, Doc[]> {
  const byCase = new Map<string, Map<string, Doc>>();
  const deleted = new Set<string>();
  for (const e of batch) {
    const caseId = e.documentData.caseId as string;
    if (e.operation === 'DELETE') { deleted.add(caseId); continue; }
    let events = byCase.get(caseId);
    if (!events) byCase.set(caseId, events = new Map());
    events.set(e.documentData.id as string, e.documentData);
  }
  return new Map([...byCase].filter(([caseId]) => !deleted.has(caseId)).map(([caseId, events]) => [caseId, [...events.values()]]));
}

/** Cases folded per step; the page gets the main thread back between steps. */
const CASES_PER_STEP = 100;

/**
 * Keeps the projection up to date with every change of `caseEvents` (local or pulled): the
 * changes of a pulled batch are grouped by case and folded in steps of CASES_PER_STEP.
 */
export function startProjection(
  collections: { caseEvents?: RxCollection<Doc>; cases?: RxCollection<Doc> },
  onRemoteEvent: (event: Doc) => void,
  ctx?: CaseContext,
): Subscription | undefined {
  const { caseEvents, cases } = collections;
  if (!caseEvents || !cases) return undefined;
  return caseEvents.$.pipe(
    // deletions refold too (a refused step dropped); retained events of a kiosk do not
    filter((e) => e.operation === 'DELETE' || e.documentData.retained !== true),
    bufferTime(20),
    filter((batch) => batch.length > 0),
    mergeMap(async (batch) => {
      const ids = new Set<string>();
      for (const e of batch) {
        ids.add(e.documentData.caseId as string);
        if (e.operation !== 'DELETE' && e.documentData.pendingPush === undefined) onRemoteEvent(e.documentData as Doc);
      }
      const all = [...ids];
      const written = writtenEventsOf(batch as { operation: string; documentData: Doc }[]);
      for (let i = 0; i < all.length; i += CASES_PER_STEP) {
        if (i > 0) await yieldToMainThread();
        const step = all.slice(i, i + CASES_PER_STEP);
        // a step that fails as a whole is folded case by case, so one bad case holds up no other
        await projectCases({ caseEvents, cases }, step, ctx, written)
          .catch(async () => { for (const id of step) await projectCase({ caseEvents, cases }, id, ctx).catch(() => null); });
      }
    }, 1),
  ).subscribe();
}
