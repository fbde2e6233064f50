// Domain commands: every write to a case is one appended event, checked on the device with
// the domain's checkAppend (the same permission table and state machine the server
// enforces), validated with the domain's CaseEvent schema, stored with `pendingPush`, and
// folded into the `cases` projection at once so the screen shows the new status offline.
import type { RxCollection } from 'rxdb';
import { CaseEvent, checkAppend, foldCase } from '@onetrip/domain';
import type { Actor, Applicant, BlobRef, CaseContext, CaseEventType, CaseState, Hlc, Level } from '@onetrip/domain';
import { replicaError } from './errors';
import { loadCaseEvents, projectionDoc } from './projection';

type Doc = Record<string, unknown>;

export interface CommandContext {
  actor: Actor;
  deviceId: string;
  /** Device-tagged ULIDs (the domain's createIdFactory). */
  newId: () => string;
  hlc: Hlc;
  /** ISO time with offset, e.g. new Date().toISOString(). */
  nowIso: () => string;
  domain?: CaseContext;
}

export interface SubmitInput {
  itemCode: string;
  regionCode: string;
  applicant: Applicant;
  form: Record<string, string | number | boolean>;
  materials: BlobRef[];
  proxy?: boolean;
  siteId?: string;
  /** The receipt's check code (the domain's makeCheckCode); kiosks choose one per case. */
  checkCode?: string;
}

export interface Commands {
  submitApplication(input: SubmitInput): Promise<CaseState>;
  acceptCase(caseId: string, note?: string): Promise<CaseState>;
  requestMaterials(caseId: string, materialCodes: string[], note: string): Promise<CaseState>;
  supplyMaterials(caseId: string, materials: BlobRef[], note?: string): Promise<CaseState>;
  forwardCase(caseId: string, to: { toLevel: Level; toRegionCode: string; toDepartmentCode?: string }, note: string): Promise<CaseState>;
  approveCase(caseId: string, reason?: string): Promise<CaseState>;
  rejectCase(caseId: string, reason?: string): Promise<CaseState>;
  issueResult(caseId: string, collectAt: { level: Level; regionCode: string; siteId?: string }, licenceNumber?: string): Promise<CaseState>;
  markCollected(caseId: string, note?: string): Promise<CaseState>;
  rateCase(caseId: string, score: number, reasons: string[]): Promise<CaseState>;
  withdrawCase(caseId: string, reason?: string): Promise<CaseState>;
  resolveDecision(caseId: string, chosenEventId: string, overruledEventIds: string[], note: string): Promise<CaseState>;
  /** Reads a case's current state from the local events. */
  getCase(caseId: string): Promise<CaseState | null>;
}

interface Stores {
  caseEvents: RxCollection<Doc>;
  cases: RxCollection<Doc>;
}

function omitUndefined(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
}

export function createCommands(stores: Stores, ctx: CommandContext): Commands {
  // one command at a time per replica, so two taps cannot both pass the check on one state
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const write = async (caseId: string, base: { itemCode: string; regionCode: string } | null, type: CaseEventType, payload: Record<string, unknown>) => {
    const events = await loadCaseEvents(stores.caseEvents, caseId);
    const before = foldCase(events, ctx.domain);
    const head = base ?? before;
    if (!head) throw replicaError('REPLICA_NOT_FOUND', undefined, caseId);
    const candidate = {
      id: ctx.newId(), caseId, itemCode: head.itemCode, regionCode: head.regionCode, actor: ctx.actor,
      deviceId: ctx.deviceId, hlc: ctx.hlc.now(), at: ctx.nowIso(), type, payload: omitUndefined(payload),
    };
    const parsed = CaseEvent.safeParse(candidate);
    if (!parsed.success) throw replicaError('REPLICA_INVALID_INPUT', parsed.error, parsed.error.issues[0]?.path.join('.'));
    const check = checkAppend(before, parsed.data, ctx.domain);
    if (!check.ok) throw check.error;
    await stores.caseEvents.insert({ ...parsed.data, pendingPush: true });
    const after = foldCase([...events, parsed.data], ctx.domain);
    if (!after) throw replicaError('REPLICA_INVALID_INPUT');
    await stores.cases.upsert(projectionDoc(after, events.length + 1));
    return after;
  };

  const append = (type: CaseEventType, caseId: string, payload: Record<string, unknown>) =>
    serial(() => write(caseId, null, type, payload));

  return {
    submitApplication: (input) => serial(() => {
      const { itemCode, regionCode, ...payload } = input;
      return write(ctx.newId(), { itemCode, regionCode }, 'submitted', payload);
    }),
    acceptCase: (caseId, note) => append('accepted', caseId, { note }),
    requestMaterials: (caseId, materialCodes, note) => append('materialsRequested', caseId, { materialCodes, note }),
    supplyMaterials: (caseId, materials, note) => append('materialsSupplied', caseId, { materials, note }),
    forwardCase: (caseId, to, note) => append('forwarded', caseId, { ...to, note }),
    approveCase: (caseId, reason) => append('approved', caseId, { reason }),
    rejectCase: (caseId, reason) => append('rejected', caseId, { reason }),
    issueResult: (caseId, collectAt, licenceNumber) => append('issued', caseId, { collectAt, licenceNumber }),
    markCollected: (caseId, note) => append('collected', caseId, { note }),
    rateCase: (caseId, score, reasons) => append('rated', caseId, { score, reasons }),
    withdrawCase: (caseId, reason) => append('withdrawn', caseId, { reason }),
    resolveDecision: (caseId, chosenEventId, overruledEventIds, note) => append('decisionResolved', caseId, { chosenEventId, overruledEventIds, note }),
    getCase: async (caseId) => foldCase(await loadCaseEvents(stores.caseEvents, caseId), ctx.domain),
  };
}
