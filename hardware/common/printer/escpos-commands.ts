// ESC/POS command builders, one per row of the wire-facts table (shared/vectors/escpos.md).
// Pure functions over bytes; each is tested byte for byte.

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function checkByte(name: string, n: number, min = 0, max = 255): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${name} must be an integer ${min}..${max}, got ${n}`);
  return n;
}

export type Alignment = 'left' | 'center' | 'right';
const alignCode: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

export const escpos = {
  initialise: () => bytes(ESC, 0x40),
  chineseOn: () => bytes(FS, 0x26),
  chineseOff: () => bytes(FS, 0x2e),
  codePage: (n: number) => bytes(ESC, 0x74, checkByte('code page', n)),
  /** Character size: width and height multipliers 1..8. */
  size: (width: number, height: number) =>
    bytes(GS, 0x21, ((checkByte('width', width, 1, 8) - 1) << 4) | (checkByte('height', height, 1, 8) - 1)),
  align: (a: Alignment) => bytes(ESC, 0x61, alignCode[a]),
  bold: (on: boolean) => bytes(ESC, 0x45, on ? 1 : 0),
  /** Feed n dots and cut: partial = GS V 66 n, full = GS V 65 n. */
  feedAndCut: (partial: boolean, feed = 0) => bytes(GS, 0x56, partial ? 0x42 : 0x41, checkByte('feed', feed)),
  /** Cut without feeding: GS V 0 (full) / GS V 1 (partial). */
  cut: (partial: boolean) => bytes(GS, 0x56, partial ? 1 : 0),
  qrModel2: () => bytes(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00),
  qrModuleSize: (n: number) => bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, checkByte('module size', n, 1, 16)),
  qrErrorCorrection: (level: 'L' | 'M' | 'Q' | 'H') =>
    bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 48 + 'LMQH'.indexOf(level)),
  qrStore: (data: Uint8Array) => {
    const k = data.length + 3;
    if (k > 0xffff) throw new RangeError(`QR data too long: ${data.length} bytes`);
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30]);
    out.set(data, 8);
    return out;
  },
  qrPrint: () => bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  /** GS v 0: raster bit image, rows of ceil(width/8) bytes, MSB = leftmost dot, 1 = black. */
  rasterImage: (widthDots: number, heightDots: number, data: Uint8Array) => {
    const xBytes = Math.ceil(widthDots / 8);
    if (data.length !== xBytes * heightDots) throw new RangeError('raster data does not match its size');
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x76, 0x30, 0, xBytes & 0xff, xBytes >> 8, heightDots & 0xff, heightDots >> 8]);
    out.set(data, 8);
    return out;
  },
  /** DLE EOT n: real-time status query (1 printer, 2 offline cause, 3 error cause, 4 paper). */
  status: (n: number) => bytes(DLE, EOT, checkByte('status query', n, 1, 4)),
};

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function toHex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new RangeError(`not hex: ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
