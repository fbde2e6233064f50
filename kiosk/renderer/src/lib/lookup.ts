// Progress lookup on the kiosk: by a scanned receipt QR code, or by the ID card on the reader.
// A kiosk holds only the cases it took, and only until the server has them; after that it keeps
// the case number, item and the status it last knew, and no personal data. So the kiosk looks
// in its own replica first and then, when online, asks the server's kiosk lookup (receipt: case
// id + check code; card: the number the reader read), which answers without personal data.
// The local ID-card match covers only the cases whose holder's number is still here — it can
// never show another person's case.
import { maskIdNumber, maskName, parseReceiptQr, readReceiptQr } from '@onetrip/domain';
import { canRate } from './rating';
import type { LookupQuery, ServerAnswer, ServerCaseView } from './server-lookup';

/** A `cases` projection document as the replica stores it. */
export interface CaseDoc { id: string; itemCode: string; status: string; regionCode?: string; retained?: boolean; state?: Record<string, unknown> }

export type CaseView =
  | { kind: 'here'; caseId: string; itemCode: string; regionCode: string; status: string; applicant: string; submittedAt: string; rated: boolean }
  | { kind: 'sent'; caseId: string; itemCode: string; status: string }
  | { kind: 'unknown'; caseId: string }
  | ({ kind: 'server' } & ServerCaseView);

/** The case id in a scan, or null when the code is not one of our receipts. */
export const caseIdFromScan = (code: string): string | null => parseReceiptQr(code);

function applicantOf(state: Record<string, unknown> | undefined): { name: string; idNumber: string } | null {
  const a = state?.applicant as { name?: unknown; idNumber?: unknown } | undefined;
  return typeof a?.name === 'string' && typeof a.idNumber === 'string' ? { name: a.name, idNumber: a.idNumber } : null;
}

export function viewOfCase(caseId: string, doc: CaseDoc | null): CaseView {
  if (!doc) return { kind: 'unknown', caseId };
  const applicant = applicantOf(doc.state);
  if (doc.retained || !applicant) return { kind: 'sent', caseId, itemCode: doc.itemCode, status: doc.status };
  return {
    kind: 'here', caseId, itemCode: doc.itemCode, regionCode: doc.regionCode ?? '', status: doc.status,
    applicant: `${maskName(applicant.name)} ${maskIdNumber(applicant.idNumber)}`,
    submittedAt: typeof doc.state?.submittedAt === 'string' ? doc.state.submittedAt : '',
    rated: doc.state?.rating !== undefined && doc.state.rating !== null,
  };
}

/** The cases of the person whose card is on the reader, newest first; only those still held here. */
export function casesOfPerson(docs: readonly CaseDoc[], idNumber: string): CaseView[] {
  return docs
    .filter((d) => !d.retained && applicantOf(d.state)?.idNumber === idNumber)
    .map((d) => viewOfCase(d.id, d))
    .sort((a, b) => (a.caseId < b.caseId ? 1 : -1));
}

/** What a lookup found, and whether the server could not be asked. */
export interface LookupResult { views: CaseView[]; byCard: boolean; offline: boolean }

export interface LookupDeps {
  findCase(caseId: string): Promise<CaseDoc | null>;
  allCases(): Promise<CaseDoc[]>;
  /** The server's kiosk lookup; `offline` when it cannot be reached (always asked: the replica's own online flag lags a page load). */
  askServer(query: LookupQuery): Promise<ServerAnswer>;
  /** Of these cases, the ones rated on this kiosk (ratings not yet, or already, sent). */
  ratedHere(caseIds: readonly string[]): Promise<Set<string>>;
}

const newestFirst = (a: CaseView, b: CaseView) => (a.caseId < b.caseId ? 1 : -1);

async function withLocalRatings(views: CaseView[], deps: LookupDeps): Promise<CaseView[]> {
  const rated = await deps.ratedHere(views.map((v) => v.caseId));
  return views.map((v) => {
    if (!rated.has(v.caseId)) return v;
    if (v.kind === 'server') return { ...v, rated: true, mayRate: false };
    return v.kind === 'here' ? { ...v, rated: true } : v;
  });
}

/** A scanned code: null when it is not one of our receipts. Local data first, then the server. */
export async function lookUpScan(code: string, deps: LookupDeps): Promise<LookupResult | null> {
  const qr = readReceiptQr(code);
  if (!qr) return null;
  const local = viewOfCase(qr.caseId, await deps.findCase(qr.caseId));
  // a case still held here is newer on the kiosk than anywhere; an old receipt without a check code cannot be asked about
  if (local.kind === 'here' || !qr.checkCode) return { views: await withLocalRatings([local], deps), byCard: false, offline: false };
  const answer = await deps.askServer({ by: 'receipt', caseId: qr.caseId, checkCode: qr.checkCode });
  if (answer.kind === 'offline') return { views: [local], byCard: false, offline: true };
  const views: CaseView[] = answer.cases.length > 0 ? answer.cases.map((c) => ({ kind: 'server' as const, ...c })) : [local];
  return { views: await withLocalRatings(views, deps), byCard: false, offline: false };
}

/** The card on the reader: the cases held here for this number, and the server's for the same person. */
export async function lookUpCard(idNumber: string, deps: LookupDeps): Promise<LookupResult> {
  const local = casesOfPerson(await deps.allCases(), idNumber);
  const answer = await deps.askServer({ by: 'card', idNumber });
  if (answer.kind === 'offline') return { views: await withLocalRatings(local, deps), byCard: true, offline: true };
  const fromServer = new Set(answer.cases.map((c) => c.caseId));
  const views: CaseView[] = [...local.filter((v) => !fromServer.has(v.caseId)), ...answer.cases.map((c) => ({ kind: 'server' as const, ...c }))];
  return { views: await withLocalRatings(views.sort(newestFirst), deps), byCard: true, offline: false };
}

/** What a rating of this view names: the case and its home region (the server checks both). */
export function rateTarget(view: CaseView): { caseId: string; regionCode: string } | null {
  if (view.kind === 'server') return view.mayRate ? { caseId: view.caseId, regionCode: view.regionCode } : null;
  if (view.kind === 'here') return canRate(view.status, view.rated) && view.regionCode ? { caseId: view.caseId, regionCode: view.regionCode } : null;
  return null;
}
