// A receipt document laid out as lines, then written as receiptline markdown.
// Pure: a line the printer's font cannot print is handed to an injected rasteriser and goes
// in as an image line instead (the node layer renders it with a CJK font).
import type { Alignment } from './escpos-commands';
import {
  formatDateTime, maskName, type CaseReceipt, type OneTimeNotice, type QueueTicket, type ReceiptDocument,
} from './receipt-document';

export interface TextLine {
  kind: 'text';
  text: string;
  align: Alignment;
  bold?: boolean;
  /** 2 = double width and height */
  scale?: 1 | 2;
}
export type LayoutLine = TextLine | { kind: 'rule' } | { kind: 'blank' } | { kind: 'qr'; data: string };

const left = (text: string, bold = false): TextLine => ({ kind: 'text', text, align: 'left', bold });
const center = (text: string, scale: 1 | 2 = 1, bold = false): TextLine => ({ kind: 'text', text, align: 'center', scale, bold });
const rule = { kind: 'rule' } as const;
const blank = { kind: 'blank' } as const;
const numbered = (items: readonly string[]): TextLine[] => items.map((s, i) => left(`${i + 1}. ${s}`));

function caseReceipt(d: CaseReceipt): LayoutLine[] {
  const lines: LayoutLine[] = [
    center('受理回执', 2, true), center('Case receipt'), center(d.siteName), rule,
    left(`办件编号 Case No.: ${d.caseNumber}`, true),
    left(`办理事项 Item: ${d.itemName}`),
    left(`申请人 Applicant: ${maskName(d.applicant.name)} ${d.applicant.idNumber}`),
    left(`受理时间 Submitted: ${formatDateTime(d.submittedAt)}`), rule,
    left('下一步 Next steps', true), ...numbered(d.nextSteps),
  ];
  if (d.collect) {
    lines.push(rule, left('领取 Collect', true), left(`地点 Where: ${d.collect.place}`), left(`时间 When: ${d.collect.when}`));
  }
  lines.push(rule, { kind: 'qr', data: d.qrPayload }, center('扫码查询办理进度 Scan to check progress'));
  if (d.hotline) lines.push(center(`咨询电话 Hotline: ${d.hotline}`));
  return lines;
}

function materialLine(m: OneTimeNotice['materials'][number], i: number): TextLine[] {
  const copies = m.copies ? ` ×${m.copies}` : '';
  const out = [left(`${i + 1}. ${m.name}${copies}`)];
  if (m.waivedBy) out.push(left(`   免交，已由${m.waivedBy}共享 Waived: shared by ${m.waivedBy}`));
  if (m.note) out.push(left(`   ${m.note}`));
  return out;
}

function oneTimeNotice(d: OneTimeNotice): LayoutLine[] {
  const trips = d.trips === 0 ? '不见面办理 No visit needed' : '最多跑一次 At most one trip';
  const lines: LayoutLine[] = [
    center('一次性告知单', 2, true), center('One-time notice'), center(d.siteName), rule,
    left(`办理事项 Item: ${d.itemName}`, true), left(`办理部门 Department: ${d.department}`), left(trips),
  ];
  if (d.promisedDays !== undefined) lines.push(left(`承诺时限 Promised: ${d.promisedDays} 个工作日 working days`));
  if (d.fee) lines.push(left(`收费 Fee: ${d.fee}`));
  lines.push(rule, left('申请材料 Materials', true), ...d.materials.flatMap(materialLine));
  if (d.steps.length) lines.push(rule, left('办理流程 Steps', true), ...numbered(d.steps));
  lines.push(rule, center(`打印时间 Printed: ${formatDateTime(d.printedAt)}`));
  if (d.qrPayload) lines.push({ kind: 'qr', data: d.qrPayload }, center('扫码查看详情 Scan for details'));
  if (d.hotline) lines.push(center(`咨询电话 Hotline: ${d.hotline}`));
  return lines;
}

function queueTicket(d: QueueTicket): LayoutLine[] {
  const lines: LayoutLine[] = [center(d.siteName, 1, true), rule, center('您的号码 Your number'), center(d.ticketNumber, 2, true)];
  if (d.serviceName) lines.push(center(d.serviceName));
  lines.push(center(`前面还有 ${d.waitingAhead} 人 Waiting ahead: ${d.waitingAhead}`), blank,
    center(`取号时间 Issued: ${formatDateTime(d.issuedAt)}`));
  if (d.qrPayload) lines.push({ kind: 'qr', data: d.qrPayload });
  lines.push(center('请留意叫号 Please wait for your number to be called'));
  return lines;
}

export function layoutReceipt(doc: ReceiptDocument): LayoutLine[] {
  switch (doc.kind) {
    case 'caseReceipt': return caseReceipt(doc);
    case 'oneTimeNotice': return oneTimeNotice(doc);
    case 'queueTicket': return queueTicket(doc);
  }
}

/** Escape receiptline's special characters so text prints as written. */
export const escapeReceiptline = (text: string): string => text.replace(/[\\|{}\-=~_"`^]/g, (c) => `\\${c}`);

export interface MarkdownOptions {
  /** false when the printer's font lacks a character of `text` */
  canPrint?: (text: string) => boolean;
  /** base64 PNG images (one per printed row) showing the line; required with canPrint */
  rasterise?: (line: TextLine) => string[];
  /** QR module size in dots (default 6) */
  qrCell?: number;
}

function textMarkdown(line: TextLine): string {
  let t = escapeReceiptline(line.text);
  if (line.bold) t = `"${t}"`;
  if (line.scale === 2) t = `^^^${t}`;
  return line.align === 'left' ? `|${t}` : line.align === 'right' ? `${t}|` : t;
}

export function toReceiptMarkdown(lines: readonly LayoutLine[], opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.kind === 'rule') out.push('-');
    else if (line.kind === 'blank') out.push('');
    else if (line.kind === 'qr') out.push(`{code:${line.data}; option:qrcode,${opts.qrCell ?? 6},m}`);
    else if (opts.canPrint && opts.rasterise && !opts.canPrint(line.text)) {
      out.push(...opts.rasterise(line).map((png) => `{image:${png}}`));
    } else out.push(textMarkdown(line));
  }
  return out.join('\n') + '\n';
}

/** Display columns of a character on a receipt: CJK and other wide characters take two. */
export const charColumns = (ch: string): number => ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1);

/** Wrap text to rows of at most `columns` display columns (for rasterised lines). */
export function wrapColumns(text: string, columns: number): string[] {
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const ch of Array.from(text)) {
    const w = charColumns(ch);
    if (used + w > columns && row) {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += ch;
    used += w;
  }
  if (row || rows.length === 0) rows.push(row);
  return rows;
}
