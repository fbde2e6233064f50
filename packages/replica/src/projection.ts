// The `cases` projection on the device: every case's events folded by the domain's foldCase
// (the same pure function the server runs), written to the local `cases` collection.
// It runs after local writes (commands) and after pulled events, so a desk sees the same
// status as the server — including `needsDecision` when two offline actors forked a case.
import { bufferTime, filter, mergeMap } from 'rxjs';
import type { Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { CaseEvent, foldCase } from '@onetrip/domain';
import type { CaseContext, CaseState } from '@onetrip/domain';

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

/** Keeps the projection up to date with every change of `caseEvents` (local or pulled). */
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
      for (const id of ids) await projectCase({ caseEvents, cases }, id, ctx).catch(() => null);
    }, 1),
  ).subscribe();
}
