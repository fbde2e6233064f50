// Receipt → ESC/POS → decoded back: the text, styles, raster QR (read with jsQR), the cut,
// and rasterised lines for characters the printer's font lacks.
import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import {
  decodeEscPos, layoutReceipt, toReceiptMarkdown, type EscPosOp, type ReceiptDocument, receiptLines,
} from '../../common/printer';
import { canPrintChar, canPrintText } from './font-coverage';
import { caseReceipt, oneTimeNotice, queueTicket } from './fixtures/receipts';
import { inkRatio, rasterToRgba, type RasterImage } from './raster';
import { markdownToEscPos, renderReceiptEscPos, renderReceiptSvg } from './render';
import { nodeDecoderOptions } from './text-decoding';

const decode = (bytes: Uint8Array): EscPosOp[] => {
  const r = decodeEscPos(bytes, nodeDecoderOptions);
  expect(r.consumed).toBe(bytes.length);
  return r.ops;
};
const images = (ops: EscPosOp[]): RasterImage[] => ops.filter((o): o is RasterImage => o.op === 'image');
const readQr = (img: RasterImage): string | undefined => {
  const { data, width, height } = rasterToRgba(img, 16);
  return jsQR(data, width, height)?.data;
};

describe('renderReceiptEscPos', () => {
  it('a case receipt decodes to its lines, a raster QR with the payload, and a cut', () => {
    const ops = decode(renderReceiptEscPos(caseReceipt));
    const lines = receiptLines(ops);
    const find = (s: string) => lines.find((l) => l.text.includes(s));
    expect(find('受理回执')).toMatchObject({ align: 'center', style: { bold: true, width: 2, height: 2 } });
    expect(find('办件编号 Case No.: NX-2026-000123')?.style.bold).toBe(true);
    expect(find('申请人 Applicant: 张** 430182********1234')?.align).toBe('left');
    expect(find('1. 工作人员将在3个工作日内审核')).toBeDefined();
    expect(find('地点 Where: 玉潭街道便民服务中心2号窗口')).toBeDefined();
    expect(lines.some((l) => l.text.includes('张三丰'))).toBe(false);
    const qr = images(ops);
    expect(qr).toHaveLength(1);
    expect(qr[0]?.align).toBe('center');
    expect(readQr(qr[0] as RasterImage)).toBe(caseReceipt.qrPayload);
    expect(ops.some((o) => o.op === 'qr')).toBe(false); // no native QR: clones ignore it
    expect(ops.at(-1)).toEqual({ op: 'cut', partial: true, feed: 0 });
    expect(ops.filter((o) => o.op === 'cut')).toHaveLength(1);
  });

  it('a one-time notice and a queue ticket print their content', () => {
    const notice = receiptLines(decode(renderReceiptEscPos(oneTimeNotice))).map((l) => l.text);
    expect(notice).toContain('一次性告知单');
    expect(notice.some((t) => t.includes('免交，已由公安人口库共享'))).toBe(true);
    const ticket = receiptLines(decode(renderReceiptEscPos(queueTicket)));
    expect(ticket.find((l) => l.text === 'A023')).toMatchObject({ align: 'center', style: { width: 2 } });
  });

  it('58 mm paper (32 characters a line): print area 384 dots, rasterised lines as wide', async () => {
    const ops = decode(renderReceiptEscPos({ ...queueTicket, serviceName: '𠮷野家村' }, { cpl: 32, fontCoverage: 'gbk', qrCell: 4 }));
    expect(ops.some((o) => o.op === 'command' && o.name === 'GS W')).toBe(true);
    const raster = images(ops);
    expect(raster.map((i) => i.width)).toContain(384);
    expect(receiptLines(ops, 384).find((l) => l.text === 'A023')?.align).toBe('center');
  });

  it('never sends GS r (its answer would mix with DLE EOT answers)', () => {
    const ops = decode(renderReceiptEscPos(caseReceipt));
    expect(ops.some((o) => o.op === 'command' && o.name === 'GS r')).toBe(false);
  });

  it('a line with a character the font lacks is printed as an image, never as "?"', () => {
    const doc: ReceiptDocument = { ...caseReceipt, itemName: '刘䶮的𠮷野家村宅基地审批' };
    const ops = decode(renderReceiptEscPos(doc));
    const text = receiptLines(ops).map((l) => l.text).join('\n');
    expect(text).not.toContain('?');
    expect(text).not.toContain('宅基地审批');
    const raster = images(ops).filter((img) => readQr(img) === undefined);
    expect(raster.length).toBeGreaterThanOrEqual(1);
    expect(raster[0]?.width).toBe(576);
    expect(inkRatio(raster[0] as RasterImage)).toBeGreaterThan(0.02);
  });

  it('with full GB18030 coverage the same line prints as text', () => {
    const doc: ReceiptDocument = { ...caseReceipt, itemName: '𠮷野家村宅基地审批' };
    const ops = decode(renderReceiptEscPos(doc, { cpl: 48, fontCoverage: 'gb18030', qrCell: 6 }));
    expect(receiptLines(ops).some((l) => l.text.includes('𠮷野家村宅基地审批'))).toBe(true);
  });
});

describe('font coverage', () => {
  it.each([
    ['张', 'gb2312', true], ['喆', 'gb2312', false], ['喆', 'gbk', true], ['䶮', 'gbk', false],
    ['𠮷', 'gbk', false], ['𠮷', 'gb18030', true], ['A', 'gb2312', true], ['\u0007', 'gb18030', false],
  ] as const)('%s with %s: %s', (ch, coverage, expected) => {
    expect(canPrintChar(ch, coverage)).toBe(expected);
  });
});

describe('receiptline markdown escaping', () => {
  const alphabet = Array.from('张王李赵宁乡市办件回执ABCxyz0123 .,:;!?()|{}\\-=~_"`^*#@&%/+<>\'');
  it('any text made of these characters prints exactly as written (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 20 }), (chars) => {
      const text = chars.join('');
      fc.pre(text.trim() !== '' && canPrintText(text, 'gbk'));
      const md = toReceiptMarkdown([{ kind: 'text', text, align: 'left' }]);
      const lines = receiptLines(decode(markdownToEscPos(md)));
      expect(lines[0]?.text.trimEnd()).toBe(text.trim());
    }), { numRuns: 150 });
  });
});

describe('renderReceiptSvg', () => {
  it('previews the same receipt with all its text', () => {
    const svg = renderReceiptSvg(caseReceipt);
    expect(svg.startsWith('<svg')).toBe(true);
    // receiptline places every character in its own <tspan>
    const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join('');
    expect(text).toContain('NX-2026-000123');
    expect(text).toContain('受理回执');
    expect(text).toContain('430182********1234');
    expect(svg).toMatch(/<image|<path/); // the QR code
    expect(layoutReceipt(caseReceipt).some((l) => l.kind === 'qr')).toBe(true);
  });
});
