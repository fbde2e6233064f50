// The printer's input: a typed receipt document, validated with zod at every boundary
// (agent call, CLI file). Bounded sizes; a full ID number can never reach the paper.
import { z } from 'zod';

/** Printable text on one line: no control characters, bounded length. */
const line = (max: number) =>
  z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u, { message: 'no control characters / 不能含控制字符' });

/** What a QR code carries: printable ASCII without receiptline's delimiters `{ } | ; \`. */
export const QrPayload = z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/).refine(
  (s) => !/[{}|;\\]/.test(s),
  { message: 'QR payload may not contain { } | ; \\ / 二维码内容不能含 { } | ; \\' },
);
export type QrPayload = z.infer<typeof QrPayload>;

/** Masked as the domain's maskIdNumber does: 6 digits, 8 stars, last 4. */
export const MaskedIdNumber = z.string().regex(/^\d{6}\*{8}\d{3}[\dX]$/, {
  message: 'ID number must be masked (430182********1234) / 身份证号必须脱敏',
});

/** An ISO 8601 date-time; printed as written (local time of the site), to the minute. */
const DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);

export const CaseReceipt = z.object({
  kind: z.literal('caseReceipt'),
  siteName: line(60),
  caseNumber: z.string().regex(/^[0-9A-Za-z-]{4,40}$/),
  itemName: line(120),
  applicant: z.object({ name: line(40), idNumber: MaskedIdNumber }),
  submittedAt: DateTime,
  nextSteps: z.array(line(200)).min(1).max(10),
  collect: z.object({ place: line(120), when: line(120) }).optional(),
  qrPayload: QrPayload,
  hotline: line(40).optional(),
});
export type CaseReceipt = z.infer<typeof CaseReceipt>;

export const OneTimeNotice = z.object({
  kind: z.literal('oneTimeNotice'),
  siteName: line(60),
  itemName: line(120),
  department: line(60),
  trips: z.union([z.literal(0), z.literal(1)]),
  promisedDays: z.number().int().min(0).max(365).optional(),
  fee: line(60).optional(),
  materials: z.array(z.object({
    name: line(120),
    copies: z.number().int().min(1).max(20).optional(),
    note: line(200).optional(),
    /** the shared data source that replaces this material (减证便民) */
    waivedBy: line(60).optional(),
  })).min(1).max(40),
  steps: z.array(line(200)).max(20),
  printedAt: DateTime,
  qrPayload: QrPayload.optional(),
  hotline: line(40).optional(),
});
export type OneTimeNotice = z.infer<typeof OneTimeNotice>;

export const QueueTicket = z.object({
  kind: z.literal('queueTicket'),
  siteName: line(60),
  ticketNumber: z.string().regex(/^[A-Z]?\d{1,4}$/),
  serviceName: line(60).optional(),
  waitingAhead: z.number().int().min(0).max(9999),
  issuedAt: DateTime,
  qrPayload: QrPayload.optional(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

export const ReceiptDocument = z.discriminatedUnion('kind', [CaseReceipt, OneTimeNotice, QueueTicket]);
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;

/** Keep the surname (first character), star the rest: 张三丰 → 张**. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? chars.join('') : chars[0] + '*'.repeat(chars.length - 1);
}

/** `2026-11-27T19:30:00+08:00` → `2026-11-27 19:30`, as written (no time-zone shift). */
export const formatDateTime = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
