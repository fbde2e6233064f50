// Progress lookup on the kiosk: by a scanned receipt QR code, or by the ID card on the reader.
// A kiosk holds only the cases it took, and only until the server has them; after that it keeps
// the case number, item and the status it last knew, and no personal data. The views below say
// exactly that, and the ID-card lookup matches only the cases whose holder's number is still
// here — it can never show another person's case.
import { maskIdNumber, maskName, parseReceiptQr } from '@onetrip/domain';

/** A `cases` projection document as the replica stores it. */
export interface CaseDoc { id: string; itemCode: string; status: string; retained?: boolean; state?: Record<string, unknown> }

export type CaseView =
  | { kind: 'here'; caseId: string; itemCode: string; status: string; applicant: string; submittedAt: string; rated: boolean }
  | { kind: 'sent'; caseId: string; itemCode: string; status: string }
  | { kind: 'unknown'; caseId: string };

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
    kind: 'here', caseId, itemCode: doc.itemCode, status: doc.status,
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
