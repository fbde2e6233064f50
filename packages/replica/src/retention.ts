// Retention on the device (DESIGN.md, Security and privacy):
// - a kiosk drops a case's personal data once the server has acknowledged it, keeping only
//   the case number, item and status;
// - a staff replica keeps only its scope and drops the cases that leave it.
// Dropping never reaches the server: case events are append-only there, and the push
// modifier skips events marked `retained` or deleted here (see open-replica.ts).
import { filter, mergeMap } from 'rxjs';
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDocument } from 'rxdb';
import type { Role } from '@onetrip/domain';
import type { CollectionName } from './collections';

type Doc = Record<string, unknown>;
type Collections = Partial<Record<CollectionName, RxCollection<Doc>>>;

export interface ReplicaScope {
  /** The region the replica serves: the kiosk's site region, the clerk's village, the staff's township. */
  regionCode: string;
  deviceId: string;
  siteId?: string;
  userId?: string;
  departmentCode?: string;
}

function withoutLocal(doc: Doc): string {
  const { pendingPush: _p, _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** Marks a document the server accepted as acknowledged, unless it changed since it was sent. */
export async function acknowledgeSent(collections: Collections, name: CollectionName, sent: Doc): Promise<void> {
  const collection = collections[name];
  if (!collection || typeof sent.id !== 'string') return;
  const doc = await collection.findOne(sent.id).exec();
  if (!doc || doc.get('pendingPush') !== true) return;
  await doc.incrementalModify((current) => {
    if (current.pendingPush !== true || withoutLocal(current) !== withoutLocal(sent)) return current;
    return { ...current, pendingPush: false };
  });
}

/** Drops the personal data of one case's events and of its projection; keeps number, item, status. */
export async function dropCasePersonalData(collections: Collections, caseId: string, deleteCase: boolean): Promise<void> {
  const events = collections.caseEvents;
  if (events) {
    const docs = await events.find({ selector: { caseId } }).exec();
    for (const doc of docs) await stripAndRemove(doc);
  }
  const projection = await collections.cases?.findOne(caseId).exec();
  if (!projection) return;
  if (deleteCase) {
    await projection.incrementalModify((c) => ({ ...c, state: {}, retained: true }));
    await projection.incrementalRemove();
  } else {
    await projection.incrementalModify((c) => ({ ...c, state: {}, retained: true }));
  }
}

/** Case events deleted or stripped here (retention, refused steps) never go to the server. */
export function isLocalOnlyEvent(doc: Doc): boolean {
  return doc._deleted === true || doc.retained === true;
}

/** The server refused a step made here for good: the server's history wins, so it goes. */
export async function dropRefusedEvent(events: RxCollection<Doc>, doc: Doc): Promise<void> {
  const local = typeof doc.id === 'string' ? await events.findOne(doc.id).exec() : null;
  if (local) await stripAndRemove(local);
}

async function stripAndRemove(doc: RxDocument<Doc>): Promise<void> {
  const stripped = await doc.incrementalModify((d) => ({ ...d, payload: {}, retained: true }));
  await stripped.incrementalRemove();
}

async function kioskSweep(collections: Collections): Promise<void> {
  const events = collections.caseEvents;
  if (!events) return;
  const acknowledged = await events.find({ selector: { pendingPush: false } }).exec();
  const caseIds = new Set(acknowledged.map((d) => d.get('caseId') as string));
  for (const caseId of caseIds) {
    const open = await events.count({ selector: { caseId, pendingPush: true } }).exec();
    if (open === 0) await dropCasePersonalData(collections, caseId, false);
  }
}

export interface RetentionOptions {
  role: Role;
  scope: ReplicaScope;
  collections: Collections;
  /** Whether a case (its projection document) is still in this replica's scope. */
  isInScope?: (projection: Doc, scope: ReplicaScope) => boolean;
}

/** Starts the retention rules for a role; returns the subscriptions to stop them. */
export function applyRetention(options: RetentionOptions): Subscription[] {
  const { role, collections } = options;
  const subs: Subscription[] = [];
  if (role === 'kiosk' && collections.caseEvents) {
    let running = Promise.resolve();
    const sweep = () => { running = running.then(() => kioskSweep(collections)).catch(() => undefined); };
    sweep();
    subs.push(collections.caseEvents.$.pipe(filter((e) => e.documentData.pendingPush === false)).subscribe(sweep));
  }
  const isInScope = options.isInScope;
  if (role !== 'kiosk' && role !== 'admin' && collections.cases && isInScope) {
    subs.push(collections.cases.$.pipe(
      filter((e) => e.operation !== 'DELETE' && !isInScope(e.documentData, options.scope)),
      mergeMap((e) => dropCasePersonalData(collections, e.documentId, true), 1),
    ).subscribe());
  }
  return subs;
}
