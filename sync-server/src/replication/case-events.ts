import type { ServerContext } from '../context';
import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { apiError, fromDomain } from '../errors';
import { lockCounters, notifyChanges, takeSeq } from '../storage/changes';
import { CaseEvent, checkAppend, foldCase, isCaseVisibleTo, type CaseContext, type CaseState, type Item } from '../domain';
import { findMaster, sameDoc, validateRows, type PushRow } from './push';
import type { Doc } from './pull';

type Event = CaseEvent;

/** Validates the batch and checks each event is made by the caller (no acting for someone else). */
export function validateEvents(who: Principal, rows: PushRow[]): Event[] {
  const valid = validateRows('caseEvents', rows);
  return valid.map((row, index) => {
    const event = CaseEvent.parse(row.body);
    const a = event.actor;
    const sameActor = a.id === who.id && a.role === who.role && a.regionCode === who.regionCode && (a.departmentCode ?? null) === (who.departmentCode ?? null);
    if (!sameActor || (who.kind === 'device' && event.deviceId !== who.id)) {
      throw apiError('FORBIDDEN', { index, reason: 'an event must be made by the caller (actor and device)' });
    }
    return event;
  });
}

/**
 * Push of case events, all in one transaction. Events are immutable: the same event again is
 * a no-op (INSERT … ON CONFLICT DO NOTHING), a different event under a known id is a conflict.
 * Each new event must pass the domain's permission table against the case as the server folds
 * it (never the client's projection), for a case in the caller's scope; the fold is stored in
 * `cases` in the same transaction.
 */
export async function pushCaseEvents(ctx: ServerContext, who: Principal, events: Event[]): Promise<Doc[]> {
  const caseCtx = await loadCaseContext(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockCounters(tx, ['caseEvents', 'cases']);
    const conflicts: Doc[] = [];
    const touched = new Map<string, string>();
    for (const [index, event] of events.entries()) {
      const master = await findMaster(tx, 'caseEvents', event.id);
      if (master) {
        if (!sameDoc(master, { ...event, _deleted: false })) conflicts.push(master);
        continue;
      }
      const history = await caseEvents(tx, event.caseId);
      const before = foldCase(history, caseCtx);
      if (before && !isCaseVisibleTo(who, before)) throw apiError('OUT_OF_SCOPE', { index });
      const verdict = checkAppend(before, event, caseCtx);
      if (!verdict.ok) throw fromDomain(verdict.error.toTransferable(), 403, { index });
      await insertEvent(tx, event, await takeSeq(tx, 'caseEvents'), who.id);
      touched.set(event.caseId, event.regionCode);
    }
    for (const caseId of touched.keys()) {
      const state = foldCase(await caseEvents(tx, caseId), caseCtx);
      if (!state || !isCaseVisibleTo(who, state)) throw apiError('OUT_OF_SCOPE', { caseId });
      await saveCase(tx, state, await takeSeq(tx, 'cases'));
    }
    if (touched.size > 0) await notifyChanges(tx, ['caseEvents', 'cases']);
    return conflicts;
  });
}

async function caseEvents(tx: Queryable, caseId: string): Promise<Event[]> {
  const rows = await tx.query<{ doc: Event }>(`SELECT doc FROM docs WHERE collection = 'caseEvents' AND case_id = $1`, [caseId]);
  return rows.map((r) => r.doc);
}

async function insertEvent(tx: Queryable, event: Event, seq: number, ownerId: string): Promise<void> {
  const siteId = event.type === 'submitted' ? event.payload.siteId ?? null : null;
  await tx.query(
    `INSERT INTO docs (region_code, collection, id, seq, deleted, doc, site_id, case_id, owner_id)
     VALUES ($1, 'caseEvents', $2, $3, false, $4::jsonb, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [event.regionCode, event.id, seq, JSON.stringify(event), siteId, event.caseId, ownerId]);
  for (const sha of blobsOf(event)) {
    await tx.query('INSERT INTO blob_refs (region_code, sha256, case_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [event.regionCode, sha, event.caseId]);
  }
}

function blobsOf(event: Event): string[] {
  const payload = event.payload as { materials?: Array<{ sha256: string }>; livePhoto?: { sha256: string } };
  return [...(payload.materials ?? []).map((m) => m.sha256), ...(payload.livePhoto ? [payload.livePhoto.sha256] : [])];
}

async function saveCase(tx: Queryable, state: CaseState, seq: number): Promise<void> {
  await tx.query(
    `INSERT INTO cases (region_code, case_id, seq, state, departments, created_by_device, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6, now())
     ON CONFLICT (region_code, case_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state,
       departments = EXCLUDED.departments, updated_at = now()`,
    [state.regionCode, state.caseId, seq, JSON.stringify(state), state.departmentsInvolved, state.createdByDevice]);
}

const cache = new WeakMap<object, { seq: number; ctx: CaseContext }>();

/** The catalogue the fold checks items against: the server's own items collection (cached per change). */
async function loadCaseContext(ctx: ServerContext): Promise<CaseContext> {
  const [head] = await ctx.db.query<{ seq: number }>(`SELECT seq FROM change_counters WHERE collection = 'items'`);
  const seq = head?.seq ?? 0;
  const cached = cache.get(ctx.db);
  if (cached?.seq === seq) return cached.ctx;
  const rows = await ctx.db.query<{ doc: Item }>(`SELECT doc FROM docs WHERE collection = 'items' AND NOT deleted`);
  const next = rows.length > 0 ? { catalogue: rows.map((r) => r.doc) } : {};
  cache.set(ctx.db, { seq, ctx: next });
  return next;
}
