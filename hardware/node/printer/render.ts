// Receipt document → ESC/POS bytes (GB18030 text, raster QR, cut) and → SVG preview, both
// through receiptline from the same markdown.
import * as receiptline from 'receiptline';
import { layoutReceipt, toReceiptMarkdown, type ReceiptDocument } from '../../common/printer';
import { canPrintText, type FontCoverage } from './font-coverage';
import { rasteriseLine } from './glyph-raster';

export interface PrinterProfile {
  /** characters per line in the 12×24 font: 48 on 80 mm paper, 32 on 58 mm */
  cpl: number;
  /** which characters the printer's font holds; others are rasterised */
  fontCoverage: FontCoverage;
  /** QR module size in dots */
  qrCell: number;
  fontFile?: string;
}

export const defaultProfile: PrinterProfile = { cpl: 48, fontCoverage: 'gbk', qrCell: 6 };

/**
 * receiptline's "generic" ESC/POS set prints images and QR codes as GS v 0 rasters (which
 * clone printers print), but ends with `GS r 1`, whose answer byte would mix with our
 * DLE EOT answers; our close only cuts.
 */
const command = {
  ...receiptline.commands.generic,
  close(this: { cutting: boolean; cut(): string }): string {
    return this.cutting ? this.cut() : '';
  },
};

export function receiptMarkdown(doc: ReceiptDocument, profile: PrinterProfile = defaultProfile): string {
  return toReceiptMarkdown(layoutReceipt(doc), {
    qrCell: profile.qrCell,
    canPrint: (text) => canPrintText(text, profile.fontCoverage),
    rasterise: (line) => rasteriseLine(line, { widthDots: profile.cpl * 12, cpl: profile.cpl, fontFile: profile.fontFile }),
  });
}

/** receiptline markdown → ESC/POS bytes for our printers. */
export function markdownToEscPos(markdown: string, profile: Pick<PrinterProfile, 'cpl'> = defaultProfile): Uint8Array {
  const out = receiptline.transform(markdown, { cpl: profile.cpl, encoding: 'gb18030', command, gradient: false, cutting: true });
  return new Uint8Array(Buffer.from(out, 'binary'));
}

export function renderReceiptEscPos(doc: ReceiptDocument, profile: PrinterProfile = defaultProfile): Uint8Array {
  return markdownToEscPos(receiptMarkdown(doc, profile), profile);
}

/** An SVG preview of the same receipt (the screen has every glyph: nothing is rasterised). */
export function renderReceiptSvg(doc: ReceiptDocument, profile: Pick<PrinterProfile, 'cpl' | 'qrCell'> = defaultProfile): string {
  const md = toReceiptMarkdown(layoutReceipt(doc), { qrCell: profile.qrCell });
  return receiptline.transform(md, { cpl: profile.cpl, encoding: 'gb18030', command: 'svg' });
}
