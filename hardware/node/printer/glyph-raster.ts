// Rasterise a line of text the printer's font lacks: an SVG <text> rendered by resvg with a
// CJK font from the system, returned as PNG rows that receiptline prints as raster images.
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { wrapColumns, type TextLine } from '../../common/printer';

/** Fonts tried in order; the first that exists is used. */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
];

export interface RasteriseOptions {
  /** printable width in dots (80 mm paper: 576) */
  widthDots: number;
  /** characters per line of the printer font (12×24 dots: 48 on 80 mm) */
  cpl: number;
  fontFile?: string;
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fontOptions(fontFile: string | undefined): ResvgRenderOptions['font'] {
  const file = fontFile ?? CJK_FONT_CANDIDATES.find((f) => existsSync(f));
  return file
    ? { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }
    : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
}

/** One PNG (base64) per wrapped row of the line. */
export function rasteriseLine(line: TextLine, opts: RasteriseOptions): string[] {
  const scale = line.scale ?? 1;
  const size = 24 * scale;
  const rows = wrapColumns(line.text, Math.floor(opts.cpl / scale));
  const x = line.align === 'left' ? 0 : line.align === 'right' ? opts.widthDots : opts.widthDots / 2;
  const anchor = line.align === 'left' ? 'start' : line.align === 'right' ? 'end' : 'middle';
  return rows.map((row) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${opts.widthDots}" height="${size + 6}">`
      + `<rect width="100%" height="100%" fill="#fff"/>`
      + `<text x="${x}" y="${size - 2}" font-size="${size}" text-anchor="${anchor}" font-weight="${line.bold ? 700 : 400}"`
      + ` font-family="Noto Sans CJK SC, WenQuanYi Zen Hei, SimSun, sans-serif" fill="#000">${escapeXml(row)}</text></svg>`;
    const png = new Resvg(svg, { font: fontOptions(opts.fontFile), background: '#fff' }).render().asPng();
    return Buffer.from(png).toString('base64');
  });
}
