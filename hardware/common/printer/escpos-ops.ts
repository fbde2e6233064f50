// The decoded form of an ESC/POS byte stream: what a printer would do with it.
import type { Alignment } from './escpos-commands';

export interface TextStyle {
  align: Alignment;
  bold: boolean;
  underline: boolean;
  invert: boolean;
  /** character size multipliers 1..8 */
  width: number;
  height: number;
}

export type QrFunction = 'model' | 'size' | 'errorCorrection' | 'store' | 'print' | 'other';
export type ImageCommand = 'GS v 0' | 'GS 8 L' | 'GS ( L';

export type EscPosOp =
  | { op: 'init' }
  /** x: print position in dots from the left of the print area when the text starts */
  | { op: 'text'; text: string; style: TextStyle; x: number }
  | { op: 'lf' }
  | { op: 'align'; align: Alignment }
  | { op: 'bold'; on: boolean }
  | { op: 'size'; width: number; height: number }
  | { op: 'chinese'; on: boolean }
  | { op: 'codePage'; n: number }
  | { op: 'cut'; partial: boolean; feed: number }
  /** 1 bit per dot, rows of ceil(width/8) bytes, MSB leftmost, 1 = black */
  | { op: 'image'; command: ImageCommand; width: number; height: number; data: Uint8Array; align: Alignment }
  | { op: 'qr'; fn: QrFunction; value?: number; data?: Uint8Array }
  | { op: 'status'; query: number }
  /** understood, but without effect on what the decoded receipt shows */
  | { op: 'command'; name: string }
  | { op: 'unknown'; bytes: number[] };

export const defaultStyle = (): TextStyle => ({
  align: 'left', bold: false, underline: false, invert: false, width: 1, height: 1,
});

export interface DecodedLine {
  text: string;
  style: TextStyle;
  /** alignment as printed: from ESC a, or from where the text sits in the print area */
  align: Alignment;
}

/** Display columns of a decoded string in the 12×24 font (CJK: two). */
const columns = (text: string): number =>
  Array.from(text).reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1), 0);

function lineAlign(text: string, style: TextStyle, x: number, areaWidth: number): Alignment {
  if (style.align !== 'left') return style.align;
  const width = columns(text.trimEnd()) * 12 * style.width;
  const right = areaWidth - x - width;
  if (x > 12 && Math.abs(x - right) <= 24 * style.width) return 'center';
  if (x > 12 && right <= 12) return 'right';
  return 'left';
}

/** Join text ops into printed lines (a line ends at LF); images and cuts are left out. */
export function receiptLines(ops: readonly EscPosOp[], areaWidth = 576): DecodedLine[] {
  const lines: DecodedLine[] = [];
  let text = '';
  let first: { style: TextStyle; x: number } | undefined;
  const end = (): void => {
    const style = first?.style ?? defaultStyle();
    lines.push({ text, style, align: lineAlign(text, style, first?.x ?? 0, areaWidth) });
    text = '';
    first = undefined;
  };
  for (const op of ops) {
    if (op.op === 'text') {
      if (!first && op.text.trim() !== '') first = { style: op.style, x: op.x + columns(op.text.match(/^\s*/)?.[0] ?? '') * 12 };
      text += op.text;
    } else if (op.op === 'lf') end();
  }
  if (text !== '') end();
  return lines;
}

/** Count of cuts in a stream of ops. */
export const countCuts = (ops: readonly EscPosOp[]): number => ops.filter((o) => o.op === 'cut').length;
