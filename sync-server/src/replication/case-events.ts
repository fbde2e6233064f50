import type { ServerContext } from '../context';
import type { Queryable } from '../storage/db';
import type { Principal } from '../auth/principal';
import { ApiError, apiError, fromDomain } from '../errors';
import { CHANGES_CHANNEL, notifySql, seqRangeCte } from '../storage/changes';
import { jsonText } from '../storage/json-text';
import { type CaseEvent, checkAppend, foldCase, isCaseVisibleTo, type CaseContext, type CaseState, type Item } from '../domain';
import { sameDoc, validateRows, type PushRow } from './push';
import type { Doc } from './pull';

type Event = CaseEvent;

/** Validates the batch and checks each event is made by the caller (no acting for someone else). */
export function validateEvents(who: Principal, rows: PushRow[]): Event[] {
  const valid = validateRows('caseEvents', rows);
  return valid.map((row, index) => {
    // validateRows parsed the body with the CaseEvent schema and found it equal to the parse result.
    const event = row.body as unknown as Event;
    const a = event.actor;
    const sameActor = a.id === who.id && a.role === who.role && a.regionCode === who.regionCode && (a.departmentCode ?? null) === (who.departmentCode ?? null);
    if (!sameActor || (who.kind === 'device' && event.deviceId !== who.id)) {
      throw apiError('FORBIDDEN', { index, reason: 'an event must be made by the caller (actor and device)' });
    }
    return event;
  });
}

/** Advisory-lock class of case locks (the two-int4 key space; the migration lock uses one bigint). */
const CASE_LOCK_CLASS = 7071;
/** A group whose new event id was stored meanwhile under another case: run it again (see below). */
class IdTakenMeanwhile extends Error {}
const MAX_ATTEMPTS = 3;
/** Events one group transaction takes from the queue (a push has at most 500; one push is never split). */
const GROUP_EVENTS = 2_000;

interface Stored { id: string; case_id: string; doc: Event; deleted: boolean }
export interface Job { who: Principal; events: Event[]; resolve(conflicts: Doc[]): void; reject(err: unknown): void }
export type Outcome = { ok: true; conflicts: Doc[] } | { ok: false; error: ApiError };

/**
 * Push of case events. Events are immutable: the same event again is a no-op, a different
 * event under a known id is a conflict (answered with the master). Each new event must pass
 * the domain's permission table against the case as the server folds it (never the client's
 * projection), for a case in the caller's scope; the fold is stored in `cases` in the same
 * transaction as the events. A push's events are written all or none, and the answer is sent
 * after they committed.
 *
 * Group commit: pushes that arrive while others are being written wait in a queue, and the
 * next transaction takes several of them together (up to GROUP_EVENTS events). Inside it each
 * push is checked on its own, in arrival order, against the histories as the pushes before it
 * in the group left them; a push that is refused (scope, permission, …) is taken out again —
 * its events and folds are undone in memory before anything is written — and gets its own
 * error, while the others go on. So each push keeps its own all-or-nothing answer, and 100
 * concurrent pushers cost a few large transactions instead of 100 small ones that queue on
 * the change counter. At most LANES group transactions run at once (one on PGlite, which has
 * one connection): one can read and check while another holds the counter.
 *
 * The queue is bounded: while PUSH_QUEUE_EVENTS events already wait, a further push is
 * answered 503 BUSY with Retry-After (replicas retry it as they would when offline) rather
 * than parsed and held, so many devices coming back online at once cannot grow the server's
 * memory without limit. A push is always taken when nothing waits.
 */
export function pushCaseEvents(ctx: ServerContext, who: Principal, events: Event[]): Promise<Doc[]> {
  let writer = writers.get(ctx);
  if (!writer) {
    writer = new CaseEventWriter(ctx);
    writers.set(ctx, writer);
  }
  return writer.push(who, events);
}

const writers = new WeakMap<ServerContext, CaseEventWriter>();

class CaseEventWriter {
  private readonly queue: Job[] = [];
  private running = 0;
  /** Events in the queue (not yet taken by a group transaction). */
  private waiting = 0;
  private readonly lanes: number;

  constructor(private readonly ctx: ServerContext) {
    this.lanes = ctx.db.engine === 'pglite' ? 1 : 2;
  }

  push(who: Principal, events: Event[]): Promise<Doc[]> {
    if (events.length === 0) return Promise.resolve([]);
    if (this.queue.length > 0 && this.waiting + events.length > this.ctx.config.PUSH_QUEUE_EVENTS) {
      this.ctx.metrics.pushesBusy.inc();
      return Promise.reject(apiError('BUSY', { retryAfterSeconds: 1 }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ who, events, resolve, reject });
      this.waiting += events.length;
      this.kick();
      this.ctx.metrics.caseEventQueue.set(this.waiting);
    });
  }

  private kick(): void {
    while (this.running < this.lanes && this.queue.length > 0) {
      const group: Job[] = [];
      let size = 0;
      while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.events.length <= GROUP_EVENTS)) {
        const job = this.queue.shift()!;
        group.push(job);
        size += job.events.length;
        this.waiting -= job.events.length;
      }
      this.ctx.metrics.caseEventQueue.set(this.waiting);
      this.running += 1;
      void this.run(group).finally(() => {
        this.running -= 1;
        this.kick();
      });
    }
  }

  private async run(group: Job[]): Promise<void> {
    try {
      const caseCtx = await loadCaseContext(this.ctx);
      let outcomes: Outcome[] | undefined;
      for (let attempt = 1; !outcomes; attempt++) {
        try {
          outcomes = await this.ctx.db.transaction((tx) => writeGroup(tx, group, caseCtx));
          this.ctx.metrics.caseEventTransactions.inc();
          this.ctx.maintenance?.wrote(group.reduce((n, job) => n + job.events.length, 0));
        } catch (err) {
          if (!(err instanceof IdTakenMeanwhile) || attempt >= MAX_ATTEMPTS) throw err;
        }
      }
      outcomes.forEach((o, i) => (o.ok ? group[i]!.resolve(o.conflicts) : group[i]!.reject(o.error)));
    } catch (err) {
      for (const job of group) job.reject(err);
    }
  }
}

/**
 * One group transaction. Why the reads and checks can run before the change counters are
 * locked, and stay true:
 *  1. It first takes a transaction-level advisory lock on every case the group touches (in one
 *     statement, in ascending key order, so two transactions never deadlock; a hash collision
 *     between two case ids only makes them wait for each other). Every writer of case events
 *     takes these locks, so from here on nobody else appends to these cases until COMMIT.
 *  2. Then one statement reads the stored events of those cases and the stored events with the
 *     group's ids. It starts after the locks are held, so (READ COMMITTED) it sees every
 *     earlier writer of these cases committed: the histories are complete and stay complete.
 *  3. The fold, the scope check and the permission check run in memory, push by push and event
 *     by event, each new event folded into its case's history before the next is checked —
 *     exactly what one-at-a-time processing would decide.
 *  4. Only then the writes: one statement that locks the caseEvents counter, takes a range and
 *     inserts all new events (each with the blobs it references) and queues the NOTIFY, then
 *     one that locks the cases counter, takes a range and upserts the folded cases
 *     (storage/changes.ts: commit order = sequence order is kept; the counters are held only
 *     for these two statements and COMMIT).
 *  5. Event ids are unique per collection across regions, which no index enforces (the primary
 *     key starts with region_code, for partitioning). The case locks cover an id reused within
 *     the same case. An id reused by a *different* case in another transaction is caught after
 *     the caseEvents counter is held: the last statement (a fresh snapshot, taken while this
 *     transaction holds the counter, so every earlier event writer has committed) looks for ids
 *     of this group stored twice; then the transaction rolls back and runs again, and step 2
 *     finds the other event as the master, so the answer is a conflict, as before.
 */
export async function writeGroup(tx: Queryable, jobs: readonly Job[], caseCtx: CaseContext): Promise<Outcome[]> {
  const all = jobs.flatMap((j) => j.events);
  const caseIds = [...new Set(all.map((e) => e.caseId))];
  await tx.query(
    `SELECT pg_advisory_xact_lock(${CASE_LOCK_CLASS}, k)
       FROM (SELECT DISTINCT hashtext(c) AS k FROM unnest($1::text[]) AS c ORDER BY k) AS ordered`, [caseIds]);
  const stored = await tx.query<Stored>(
    `SELECT id, case_id, doc, deleted FROM docs
      WHERE collection = 'caseEvents' AND (case_id = ANY($1::text[]) OR id = ANY($2::text[]))`, [caseIds, [...new Set(all.map((e) => e.id))]]);
  const masters = new Map<string, Doc>();
  const histories = new Map<string, Event[]>(caseIds.map((c) => [c, []]));
  for (const row of stored) {
    masters.set(row.id, { ...row.doc, _deleted: row.deleted });
    histories.get(row.case_id)?.push(row.doc);
  }

  const fresh: Array<{ event: Event; owner: string }> = [];
  const states = new Map<string, CaseState>();
  const outcomes = jobs.map((job): Outcome => {
    const undo: Array<() => void> = [];
    try {
      const { conflicts, added, folded } = checkPush(job, masters, histories, caseCtx, undo);
      for (const event of added) fresh.push({ event, owner: job.who.id });
      for (const state of folded) states.set(state.caseId, state);
      return { ok: true, conflicts };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      for (const step of undo.reverse()) step();
      return { ok: false, error: err };
    }
  });
  if (fresh.length === 0) return outcomes;
  await writeEvents(tx, fresh, [...states.values()]);
  return outcomes;
}

/**
 * Checks one push against the histories (as the pushes before it left them) and applies it to
 * them; every change is recorded in `undo` so a refused push can be taken out again.
 */
function checkPush(job: Job, masters: Map<string, Doc>, histories: Map<string, Event[]>, caseCtx: CaseContext, undo: Array<() => void>) {
  const conflicts: Doc[] = [];
  const added: Event[] = [];
  const touched = new Set<string>();
  for (const [index, event] of job.events.entries()) {
    const master = masters.get(event.id);
    if (master) {
      if (!sameDoc(master, { ...event, _deleted: false })) conflicts.push(master);
      continue;
    }
    const history = histories.get(event.caseId)!;
    const before = foldCase(history, caseCtx);
    if (before && !isCaseVisibleTo(job.who, before)) throw apiError('OUT_OF_SCOPE', { index });
    const verdict = checkAppend(before, event, caseCtx);
    if (!verdict.ok) throw fromDomain(verdict.error.toTransferable(), 403, { index });
    history.push(event);
    masters.set(event.id, { ...event, _deleted: false });
    undo.push(() => { history.pop(); masters.delete(event.id); });
    added.push(event);
    touched.add(event.caseId);
  }
  const folded: CaseState[] = [];
  for (const caseId of touched) {
    const state = foldCase(histories.get(caseId)!, caseCtx);
    if (!state || !isCaseVisibleTo(job.who, state)) throw apiError('OUT_OF_SCOPE', { caseId });
    folded.push(state);
  }
  return { conflicts, added, folded };
}

/**
 * The writes of a group, holding the counters: events (each with the blobs it references, and
 * the NOTIFY), then cases. Documents travel as one JSON array of ASCII JSON text per statement
 * (storage/json-text.ts), zipped in SQL with plain text arrays of the columns the scope rules
 * filter on (the same fields collections.ts names), so PostgreSQL stores each document's text
 * as given and nothing is parsed twice.
 */
async function writeEvents(tx: Queryable, fresh: ReadonlyArray<{ event: Event; owner: string }>, states: readonly CaseState[]): Promise<void> {
  const events = fresh.map((f) => f.event);
  const [written] = await tx.query<{ inserted: string }>(
    `WITH ${seqRangeCte(`'caseEvents'`, '$1')},
     ins AS (
       INSERT INTO docs (region_code, collection, id, seq, deleted, doc, site_id, case_id, owner_id, blobs)
       SELECT r.region_code, 'caseEvents', r.id, seq.base + r.n, false, r.doc, NULLIF(r.site_id, ''), r.case_id, r.owner_id,
              string_to_array(NULLIF(r.blobs, ''), ',')
         FROM seq, ROWS FROM (json_array_elements($2::json), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                              unnest($6::text[]), unnest($7::text[]), unnest($8::text[]))
                   WITH ORDINALITY AS r(doc, region_code, id, site_id, case_id, owner_id, blobs, n)
       ON CONFLICT DO NOTHING RETURNING 1),
     note AS (${notifySql('$9', '$10')})
     SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM note) AS notified`,
    [events.length, jsonText(events), events.map((e) => e.regionCode), events.map((e) => e.id),
      events.map((e) => (e.type === 'submitted' ? siteOf(e) : '')), events.map((e) => e.caseId), fresh.map((f) => f.owner),
      events.map((e) => blobsOf(e).join(',')), CHANGES_CHANNEL, ['caseEvents', 'cases']]);
  // Fewer rows than events: an id was stored meanwhile in the same region under another case.
  if (Number(written?.inserted) !== fresh.length) throw new IdTakenMeanwhile();

  const [saved] = await tx.query<{ dups: string[] }>(
    `WITH ${seqRangeCte(`'cases'`, '$1')},
     up AS (
       INSERT INTO cases (region_code, case_id, seq, state, departments, created_by_device, applicant_id, updated_at)
       SELECT r.region_code, r.case_id, seq.base + r.n, r.state, COALESCE(string_to_array(NULLIF(r.departments, ''), ','), '{}'),
              NULLIF(r.device, ''), NULLIF(r.applicant_id, ''), now()
         FROM seq, ROWS FROM (json_array_elements($2::json), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                              unnest($6::text[]), unnest($7::text[]))
                   WITH ORDINALITY AS r(state, region_code, case_id, departments, device, applicant_id, n)
       ON CONFLICT (region_code, case_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state,
         departments = EXCLUDED.departments, applicant_id = EXCLUDED.applicant_id, updated_at = now()
       RETURNING 1)
     SELECT (SELECT count(*) FROM up) AS saved,
            ARRAY(SELECT id FROM docs WHERE collection = 'caseEvents' AND id = ANY($8::text[]) GROUP BY id HAVING count(*) > 1) AS dups`,
    [states.length, jsonText(states), states.map((c) => c.regionCode), states.map((c) => c.caseId),
      states.map((c) => c.departmentsInvolved.join(',')), states.map((c) => c.createdByDevice ?? ''),
      states.map((c) => c.applicant?.idNumber ?? ''), events.map((e) => e.id)]);
  if ((saved?.dups.length ?? 0) > 0) throw new IdTakenMeanwhile();
}

/** The kiosk site a submission was made at ('' for none): tickets and kiosk scope read it. */
function siteOf(event: Event): string {
  const site = (event.payload as { siteId?: unknown }).siteId;
  return typeof site === 'string' ? site : '';
}

function blobsOf(event: Event): string[] {
  const payload = event.payload as { materials?: Array<{ sha256: string }>; livePhoto?: { sha256: string } };
  return [...(payload.materials ?? []).map((m) => m.sha256), ...(payload.livePhoto ? [payload.livePhoto.sha256] : [])];
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
