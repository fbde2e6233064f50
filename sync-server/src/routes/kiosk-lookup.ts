// Progress lookup for kiosks (办件查询): a kiosk keeps a case only until the server has it, so
// when a villager scans a receipt or places an ID card for a case the kiosk no longer holds, the
// kiosk asks here. Only enrolled kiosks may ask, only about cases in their own township (a
// kiosk's area, as in the domain's permission table), by
// - the receipt's QR code: the case id AND the check code printed with it (both must match, so
//   knowing or guessing case ids reveals nothing), or
// - the ID number the kiosk's reader read from the card (the reader authenticated the card with
//   its SAM module; the server trusts an enrolled kiosk's reader as it trusts its case events).
// The answer never carries a name, ID number, address, phone, form value or photo reference:
// only what a receipt shows without them, and whether the case may still be rated. Every
// lookup, found or not, writes an audit row; a refusal says nothing about which check failed.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { requirePrincipal } from '../context';
import { ApiError } from '../errors';
import { audit } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import { CheckCode, Ulid, caseNumberOf, caseStatusNames, isWithinRegion, validateIdNumber, type CaseStatus } from '../domain';
import { Params, areaCode, withinRegionSql } from '../replication/scope';

/** Lookups per kiosk per minute: a person scans or places a card a few times, never thirty. */
export const LOOKUPS_PER_MINUTE = 30;
/** The most cases one card lookup returns (newest first). */
export const MAX_CARD_CASES = 20;

export const KioskLookupBody = z.discriminatedUnion('by', [
  z.object({ by: z.literal('receipt'), caseId: Ulid, checkCode: CheckCode }).strict(),
  z.object({
    by: z.literal('card'),
    idNumber: z.string().max(18).refine((id) => validateIdNumber(id).ok, { message: 'not a valid ID number / 身份证号无效' }),
  }).strict(),
]);
export type KioskLookupBody = z.infer<typeof KioskLookupBody>;

/** One case as the kiosk may show it: nothing personal. */
export interface KioskCaseView {
  caseId: string;
  caseNumber: string;
  /** The case's home region: a rating document names it, and the server checks it. */
  regionCode: string;
  item: { code: string; name: { zh: string; en: string } | null };
  status: CaseStatus;
  statusText: { zh: string; en: string };
  /** The level that holds the case now (kiosk, village, township, city). */
  level: string;
  submittedAt: string;
  acceptedAt: string | null;
  updatedAt: string;
  deadline: string | null;
  rated: boolean;
  mayRate: boolean;
}

/** The one refusal a receipt lookup gets, whatever failed (no such case, wrong code, another township's case). */
export const lookupNotFound = () => new ApiError('LOOKUP_NOT_FOUND', 404, {
  zh: '没有查到该办件，请核对回执或到窗口查询', en: 'No such case was found; check the receipt or ask at a desk',
});
const kioskOnly = () => new ApiError('KIOSK_ONLY', 403, {
  zh: '只有已注册的自助终端可以这样查询', en: 'Only an enrolled kiosk may look cases up this way',
});

interface CaseRow {
  case_id: string; region_code: string; item_code: string; status: CaseStatus; level: string; submitted_at: string;
  accepted_at: string | null; updated_at: string; deadline: string | null; check_code: string | null; rated: boolean;
}

/** Only the fields a view needs leave the database; the applicant never does. */
const SELECT_CASE = `SELECT c.case_id, c.region_code, c.state->>'itemCode' AS item_code, c.state->>'status' AS status,
    c.state->'holder'->>'level' AS level, c.state->>'submittedAt' AS submitted_at, c.state->>'acceptedAt' AS accepted_at,
    c.state->>'updatedAt' AS updated_at, c.state->>'deadline' AS deadline, c.state->>'checkCode' AS check_code,
    (COALESCE(json_typeof(c.state->'rating') = 'object', false) OR EXISTS (
      SELECT 1 FROM docs d WHERE d.collection = 'ratings' AND d.case_id = c.case_id AND d.region_code = c.region_code AND NOT d.deleted)) AS rated
  FROM cases c`;

function sameCode(given: string, held: string | null): boolean {
  if (held === null || held.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(held));
}

async function itemNames(ctx: ServerContext, codes: string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.query<{ id: string; name: { zh?: unknown; en?: unknown } | null }>(
    "SELECT id, doc->'name' AS name FROM docs WHERE collection = 'items' AND id = ANY($1)", [codes]);
  const names = new Map<string, { zh: string; en: string }>();
  for (const r of rows) if (typeof r.name?.zh === 'string' && typeof r.name.en === 'string') names.set(r.id, { zh: r.name.zh, en: r.name.en });
  return names;
}

function viewOf(row: CaseRow, names: Map<string, { zh: string; en: string }>): KioskCaseView {
  const rateable = row.status === 'completed' || row.status === 'rejected';
  return {
    caseId: row.case_id, caseNumber: caseNumberOf({ caseId: row.case_id, regionCode: row.region_code, submittedAt: row.submitted_at }),
    regionCode: row.region_code, item: { code: row.item_code, name: names.get(row.item_code) ?? null },
    status: row.status, statusText: caseStatusNames[row.status] ?? { zh: row.status, en: row.status }, level: row.level,
    submittedAt: row.submitted_at, acceptedAt: row.accepted_at, updatedAt: row.updated_at, deadline: row.deadline,
    rated: row.rated, mayRate: rateable && !row.rated,
  };
}

async function byReceipt(ctx: ServerContext, who: Principal, caseId: string, checkCode: string): Promise<{ rows: CaseRow[]; outcome: string }> {
  const [row] = await ctx.db.query<CaseRow>(`${SELECT_CASE} WHERE c.case_id = $1`, [caseId]);
  if (!row) return { rows: [], outcome: 'noSuchCase' };
  if (!isWithinRegion(row.region_code, areaCode(who))) return { rows: [], outcome: 'otherTownship' };
  if (!sameCode(checkCode, row.check_code)) return { rows: [], outcome: row.check_code ? 'wrongCheckCode' : 'noCheckCode' };
  return { rows: [row], outcome: 'found' };
}

async function byCard(ctx: ServerContext, who: Principal, idNumber: string): Promise<{ rows: CaseRow[]; outcome: string }> {
  const p = new Params();
  const sql = `${SELECT_CASE} WHERE c.applicant_id = ${p.add(idNumber)} AND ${withinRegionSql('c.region_code', areaCode(who))(p)}
    ORDER BY c.case_id DESC LIMIT ${p.add(MAX_CARD_CASES)}`;
  const rows = await ctx.db.query<CaseRow>(sql, p.values);
  return { rows, outcome: rows.length > 0 ? 'found' : 'none' };
}

function requireKiosk(req: FastifyRequest): Principal {
  const who = requirePrincipal(req);
  if (who.kind !== 'device' || who.role !== 'kiosk') throw kioskOnly();
  return who;
}

export async function kioskLookupRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  /** `POST /kiosk/lookup` {by:'receipt', caseId, checkCode} | {by:'card', idNumber} → {cases: KioskCaseView[]}. */
  app.post('/kiosk/lookup', { config: { rateLimit: { max: LOOKUPS_PER_MINUTE, timeWindow: 60_000 } } }, async (req) => {
    const who = requireKiosk(req);
    const body = KioskLookupBody.parse(req.body);
    const { rows, outcome } = body.by === 'receipt'
      ? await byReceipt(ctx, who, body.caseId, body.checkCode)
      : await byCard(ctx, who, body.idNumber);
    // the audit names the cases shown (never the ID number asked with) and why a receipt was refused
    const target = body.by === 'receipt' ? body.caseId : rows.slice(0, 7).map((r) => r.case_id).join(',');
    await audit(ctx.db, { actor: who, action: 'kioskLookup', regionCode: who.regionCode, target, details: { by: body.by, outcome, found: rows.length } }, ctx.now());
    ctx.metrics.auditEntries.inc({ action: 'kioskLookup' });
    if (body.by === 'receipt' && rows.length === 0) throw lookupNotFound();
    const names = await itemNames(ctx, [...new Set(rows.map((r) => r.item_code))]);
    return { cases: rows.map((r) => viewOf(r, names)) };
  });
}
