import { z } from 'zod';
import { Bilingual } from './errors';
import { levelNames } from './roles';
import type { Item } from './catalogue/schema';
import type { Site } from './regions/schema';
import type { CaseState, CaseStatus } from './events/state';
import { maskIdNumber, maskName } from './id-number';
import { CHECK_CODE_LENGTH, Ulid } from './ids';
import { chinaDateOf } from './calendar';

/** `YYYY-MM-DD HH:mm` in China Standard Time. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** What a printer renders: every line in Chinese and English, personal data masked. */
export const Receipt = z.object({
  caseId: Ulid,
  /** Short number read out at a window: region prefix, submission date, the ULID's last 6 characters. */
  caseNumber: z.string().regex(/^\d{6}-\d{8}-[0-9A-Z]{6}$/),
  item: z.object({ code: z.string().max(32), name: Bilingual }),
  applicant: z.object({ name: z.string().max(50), idNumber: z.string().max(18) }),
  site: z.object({ id: z.string().max(64), name: Bilingual, phone: z.string().max(20) }),
  status: z.object({ code: z.string().max(30), text: Bilingual }),
  submittedAt: z.string().max(40),
  printedAt: z.string().max(40),
  deadline: z.string().max(10).nullable(),
  nextSteps: z.array(Bilingual).max(10),
  collect: z.object({ place: Bilingual, address: z.string().max(200), hours: Bilingual, from: z.string().max(10).nullable() }).nullable(),
  /** Scanned at a kiosk or desk to look up progress; carries the case id and its check code, nothing personal. */
  qrPayload: z.string().max(300),
  lines: z.array(Bilingual).max(40),
});
export type Receipt = z.infer<typeof Receipt>;

export interface ReceiptOptions {
  /** When the receipt is printed (an injected clock reading, ISO). */
  printedAt: string;
  /** Where the result is collected, when it is a place (defaults to the receipt's site). */
  collectSite?: Site;
  /** Base URL of the progress page; without it the QR carries `ONETRIP:CASE:<id>`. */
  lookupBaseUrl?: string;
}

/** A case's status in plain words, for receipts and every screen that shows one. */
export const caseStatusNames: Readonly<Record<CaseStatus, Bilingual>> = {
  submitted: { zh: '已提交,待受理', en: 'submitted, awaiting acceptance' },
  accepted: { zh: '已受理,办理中', en: 'accepted, in progress' },
  awaitingMaterials: { zh: '待补正材料', en: 'waiting for missing materials' },
  forwarded: { zh: '已推送上级办理', en: 'sent upward for a decision' },
  approved: { zh: '已批准,待出证', en: 'approved, result being prepared' },
  rejected: { zh: '不予批准', en: 'not approved' },
  issued: { zh: '已出证,待领取', en: 'ready for collection' },
  completed: { zh: '已办结', en: 'completed' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

const QR_PREFIX = 'ONETRIP:CASE:';
const ULID_RE = '[0-7][0-9A-HJKMNP-TV-Z]{25}';
const CHECK_RE = `[0-9A-HJKMNP-TV-Z]{${CHECK_CODE_LENGTH}}`;

/**
 * What a receipt's QR code says: `ONETRIP:CASE:<case id>:<check code>`, or with a lookup base
 * URL `<base>/progress?case=<case id>&check=<check code>`. Without a check code (cases made
 * before there were any, or by a desk) only the case id.
 */
export function receiptQrPayload(caseId: string, lookupBaseUrl?: string, checkCode?: string): string {
  if (lookupBaseUrl) return `${lookupBaseUrl.replace(/\/+$/, '')}/progress?case=${caseId}${checkCode ? `&check=${checkCode}` : ''}`;
  return `${QR_PREFIX}${caseId}${checkCode ? `:${checkCode}` : ''}`;
}

/** A scanned receipt QR code: the case id and its check code (null when the receipt has none). */
export interface ReceiptQr { caseId: string; checkCode: string | null }

/** Reads one of our receipt QR codes, or null if the text is not one (bounded: 300 characters). */
export function readReceiptQr(text: string): ReceiptQr | null {
  const t = text.trim();
  if (t.length > 300) return null;
  const plain = new RegExp(`^ONETRIP:CASE:(${ULID_RE})(?::(${CHECK_RE}))?$`).exec(t);
  if (plain) return { caseId: plain[1]!, checkCode: plain[2] ?? null };
  const url = new RegExp(`[?&]case=(${ULID_RE})(?:&check=(${CHECK_RE}))?(?:$|&)`).exec(t);
  return url ? { caseId: url[1]!, checkCode: url[2] ?? null } : null;
}

/** The case id in a scanned receipt QR code, or null if it is not one of ours. */
export function parseReceiptQr(text: string): string | null {
  return readReceiptQr(text)?.caseId ?? null;
}

/** The short number read out at a window: region prefix, submission date (China), the ULID's last 6 characters. */
export function caseNumberOf(state: Pick<CaseState, 'regionCode' | 'submittedAt' | 'caseId'>): string {
  return `${state.regionCode.slice(0, 6)}-${chinaDateOf(state.submittedAt).replaceAll('-', '')}-${state.caseId.slice(-6)}`;
}

function nextSteps(state: CaseState, item: Item): Bilingual[] {
  const holder = levelNames[state.holder.level];
  switch (state.status) {
    case 'submitted':
    case 'forwarded':
      return [{ zh: `由${holder.zh}受理审核,无需再跑腿`, en: `the ${holder.en} will review it; no need to come back` }];
    case 'accepted':
      return [{ zh: `${holder.zh}办理中${state.deadline ? `,承诺于${state.deadline}前办结` : ''}`, en: `in progress at the ${holder.en}${state.deadline ? `, promised by ${state.deadline}` : ''}` }];
    case 'awaitingMaterials':
      return [{ zh: `请补交材料:${state.requestedMaterials.join('、')}`, en: `please supply: ${state.requestedMaterials.join(', ')}` }];
    case 'approved':
    case 'issued':
      return [item.resultDelivery];
    case 'rejected':
      return [{ zh: `未予批准${state.decision?.reason ? `:${state.decision.reason}` : ''},如有异议可申请复核`, en: `not approved${state.decision?.reason ? `: ${state.decision.reason}` : ''}; you may ask for a review` }];
    case 'completed':
    case 'withdrawn':
      return [{ zh: '欢迎对本次服务进行评价(好差评)', en: 'please rate this service' }];
  }
}

function collectInfo(state: CaseState, item: Item, site: Site): Receipt['collect'] {
  if (item.trips === 0 || item.promisedDays === 0 || ['rejected', 'withdrawn', 'completed'].includes(state.status)) return null;
  return { place: { zh: site.name, en: site.nameEn }, address: site.address, hours: site.hours, from: state.deadline };
}

/** Builds the receipt for a case at a site (回执). Pure: the print time comes in through `opts`. */
export function buildReceipt(state: CaseState, item: Item, site: Site, opts: ReceiptOptions): Receipt {
  const caseNumber = caseNumberOf(state);
  const applicant = { name: maskName(state.applicant.name), idNumber: maskIdNumber(state.applicant.idNumber) };
  const collect = collectInfo(state, item, opts.collectSite ?? site);
  const steps = nextSteps(state, item);
  const trips = item.trips === 'negativeList'
    ? { zh: `依法需到场${item.negativeList?.visits ?? 2}次:${item.negativeList?.reason.zh ?? ''}`, en: `by law ${item.negativeList?.visits ?? 2} visits: ${item.negativeList?.reason.en ?? ''}` }
    : item.trips === 0 ? { zh: '全程不见面办理', en: 'no visit needed' } : { zh: '最多跑一次', en: 'at most one trip' };
  const lines: Bilingual[] = [
    { zh: '宁乡市政务服务 办件回执', en: 'Ningxiang government services — receipt' },
    { zh: `办件编号:${caseNumber}`, en: `Case number: ${caseNumber}` },
    { zh: `事项:${item.name.zh}`, en: `Service: ${item.name.en}` },
    { zh: `申请人:${applicant.name} ${applicant.idNumber}`, en: `Applicant: ${applicant.name} ${applicant.idNumber}` },
    { zh: `状态:${caseStatusNames[state.status].zh}`, en: `Status: ${caseStatusNames[state.status].en}` },
    { zh: `提交时间:${chinaTime(state.submittedAt)}`, en: `Submitted: ${chinaTime(state.submittedAt)} (Beijing time)` },
    trips,
    ...steps,
    ...(collect ? [{ zh: `领取地点:${collect.place.zh}(${collect.address})`, en: `Collect at: ${collect.place.en}` }, collect.hours] : []),
    { zh: `咨询电话:${site.phone}`, en: `Enquiries: ${site.phone}` },
    { zh: '扫描二维码查询办理进度', en: 'scan the QR code to follow progress' },
  ];
  return {
    caseId: state.caseId, caseNumber, item: { code: item.code, name: item.name }, applicant,
    site: { id: site.id, name: { zh: site.name, en: site.nameEn }, phone: site.phone },
    status: { code: state.status, text: caseStatusNames[state.status] }, submittedAt: state.submittedAt, printedAt: opts.printedAt,
    deadline: state.deadline, nextSteps: steps, collect, qrPayload: receiptQrPayload(state.caseId, opts.lookupBaseUrl, state.checkCode), lines,
  };
}
