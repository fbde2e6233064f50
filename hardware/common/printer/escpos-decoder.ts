// ESC/POS bytes → decoded operations. Pure and total: any byte sequence decodes without
// throwing, every step consumes at least one byte, and an incomplete trailing command is
// left unconsumed so a streaming caller (the simulator) can wait for the rest.
import type { Alignment } from './escpos-commands';
import { defaultStyle, type EscPosOp, type ImageCommand, type QrFunction, type TextStyle } from './escpos-ops';

export interface DecoderOptions {
  /** Turn a run of text bytes into a string: GB18030 in Chinese mode, a code page otherwise. */
  decodeText(bytes: Uint8Array, chinese: boolean): string;
  /** Larger images are reported as unknown and skipped (default 4 MiB). */
  maxImageBytes?: number;
}

export interface DecoderState {
  style: TextStyle;
  chinese: boolean;
  /** print position in dots within the line (ESC $, ESC \\, text) */
  x: number;
}

export const initialDecoderState = (): DecoderState => ({ style: defaultStyle(), chinese: false, x: 0 });

/** Advance of decoded text in dots: 12 per column, CJK two columns, times the width. */
function advance(text: string, style: TextStyle): number {
  let dots = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
    dots += code >= 0x1100 ? 24 : 12;
  }
  return dots * style.width;
}

interface Ctx {
  buf: Uint8Array;
  state: DecoderState;
  opts: DecoderOptions;
}
/** ops produced and the index after them, or null when the command is incomplete */
type Step = { ops: EscPosOp[]; next: number } | null;

const ESC = 0x1b, GS = 0x1d, FS = 0x1c, DLE = 0x10, LF = 0x0a;
const ALIGNS: Alignment[] = ['left', 'center', 'right'];

// Fixed parameter counts of commands that do not change the decoded receipt.
const ESC_PARAMS: Record<string, number> = {
  '$': 2, '-': 1, '2': 0, '3': 1, 'G': 1, 'J': 1, 'M': 1, 'R': 1, ' ': 1, '\\': 2, 'd': 1, '{': 1,
  'p': 3, 'V': 1, 'U': 1, 'c': 2, 'r': 1, 'S': 0, 'L': 0, 'T': 1, 'W': 8, 'i': 0, 'm': 0,
};
const GS_PARAMS: Record<string, number> = {
  'B': 1, 'H': 1, 'L': 2, 'W': 2, 'a': 1, 'h': 1, 'w': 1, 'r': 1, 'f': 1, 'b': 1, 'I': 1, 'P': 2,
  'T': 1, '$': 2, '\\': 2, 'E': 1, 'g': 0,
};
const FS_PARAMS: Record<string, number> = { '!': 1, '-': 1, 'C': 1, 'S': 2, 'W': 1, 'p': 2 };

const u16 = (buf: Uint8Array, i: number): number => (buf[i] ?? 0) | ((buf[i + 1] ?? 0) << 8);
const has = (c: Ctx, i: number, n: number): boolean => i + n <= c.buf.length;
const one = (op: EscPosOp, next: number): Step => ({ ops: [op], next });
// Style objects are never changed in place (setStyle replaces them), so ops may share them.
const namedOps = new Map<string, EscPosOp>();
const named = (name: string, next: number): Step => {
  let op = namedOps.get(name);
  if (!op) namedOps.set(name, (op = { op: 'command', name }));
  return one(op, next);
};
const unknown = (c: Ctx, i: number, n: number): Step =>
  one({ op: 'unknown', bytes: Array.from(c.buf.subarray(i, i + n)) }, i + n);

/** Length of the complete GB18030 characters at the start of `run` (Chinese mode). */
function completeGbLength(run: Uint8Array): number {
  let k = 0;
  while (k < run.length) {
    const b = run[k] ?? 0;
    const size = b < 0x81 || b === 0xff ? 1 : (run[k + 1] ?? 0) >= 0x30 && (run[k + 1] ?? 0) <= 0x39 ? 4 : 2;
    if (k + size > run.length) break;
    k += size;
  }
  return k;
}

function stepText(c: Ctx, i: number): Step {
  let j = i;
  while (j < c.buf.length && (c.buf[j] ?? 0) >= 0x20) j++;
  let end = j;
  if (c.state.chinese && j === c.buf.length) {
    end = i + completeGbLength(c.buf.subarray(i, j));
    if (end === i) return null;
  }
  const text = c.opts.decodeText(c.buf.slice(i, end), c.state.chinese);
  const x = c.state.x;
  c.state.x += advance(text, c.state.style);
  return one({ op: 'text', text, style: c.state.style, x }, end);
}

function setStyle(c: Ctx, patch: Partial<TextStyle>): void {
  c.state.style = { ...c.state.style, ...patch };
}

function stepPrintMode(c: Ctx, i: number): Step {
  const n = c.buf[i + 2] ?? 0;
  setStyle(c, { bold: (n & 8) !== 0, height: n & 16 ? 2 : 1, width: n & 32 ? 2 : 1, underline: (n & 128) !== 0 });
  return named('ESC !', i + 3);
}

function stepEsc(c: Ctx, i: number): Step {
  if (!has(c, i, 2)) return null;
  const ch = String.fromCharCode(c.buf[i + 1] ?? 0);
  if (ch === '@') {
    Object.assign(c.state, initialDecoderState());
    return one({ op: 'init' }, i + 2);
  }
  if (ESC_PARAMS[ch] === undefined && !'aEt!D($\\'.includes(ch)) return unknown(c, i, 2);
  if (!has(c, i, 3) && ESC_PARAMS[ch] !== 0) return null;
  const n = c.buf[i + 2] ?? 0;
  switch (ch) {
    case 'a': {
      const align = ALIGNS[n % 48] ?? 'left';
      setStyle(c, { align });
      return one({ op: 'align', align }, i + 3);
    }
    case 'E': setStyle(c, { bold: (n & 1) === 1 }); return one({ op: 'bold', on: (n & 1) === 1 }, i + 3);
    case '-': setStyle(c, { underline: n % 48 !== 0 }); return named('ESC -', i + 3);
    case 't': return one({ op: 'codePage', n }, i + 3);
    case '!': return stepPrintMode(c, i);
    case 'D': return stepUntilNul(c, i, 2, 'ESC D');
    case '$': case '\\': return stepPosition(c, i, ch);
    case '(': return stepLengthPrefixed(c, i, 'ESC (');
    default: {
      const params = ESC_PARAMS[ch];
      if (params === undefined) return unknown(c, i, 2);
      return has(c, i, 2 + params) ? named(`ESC ${ch}`, i + 2 + params) : null;
    }
  }
}

function stepPosition(c: Ctx, i: number, ch: string): Step {
  if (!has(c, i, 4)) return null;
  const n = u16(c.buf, i + 2);
  c.state.x = ch === '$' ? n : Math.max(0, c.state.x + (n >= 0x8000 ? n - 0x10000 : n));
  return named(`ESC ${ch}`, i + 4);
}

/**
 * A command ended by NUL within 256 bytes. Without one, all the bytes looked at are one unknown
 * command: a command's extent must be decidable from its own bytes, or a stream that stops
 * right after a shorter unknown would be cut elsewhere than the whole stream.
 */
function stepUntilNul(c: Ctx, i: number, skip: number, name: string): Step {
  const limit = Math.min(c.buf.length, i + skip + 256);
  for (let j = i + skip; j < limit; j++) if (c.buf[j] === 0) return named(name, j + 1);
  return c.buf.length >= i + skip + 256 ? unknown(c, i, skip + 256) : null;
}

/** `X ( f pL pH …`: a command whose two length bytes say how many follow. */
function stepLengthPrefixed(c: Ctx, i: number, name: string): Step {
  if (!has(c, i, 5)) return null;
  const len = u16(c.buf, i + 3);
  return has(c, i, 5 + len) ? named(`${name} ${String.fromCharCode(c.buf[i + 2] ?? 0)}`, i + 5 + len) : null;
}

function stepFs(c: Ctx, i: number): Step {
  if (!has(c, i, 2)) return null;
  const ch = String.fromCharCode(c.buf[i + 1] ?? 0);
  if (ch === '&' || ch === '.') {
    c.state.chinese = ch === '&';
    return one({ op: 'chinese', on: ch === '&' }, i + 2);
  }
  if (ch === '(') return stepLengthPrefixed(c, i, 'FS (');
  const params = FS_PARAMS[ch];
  if (params === undefined) return unknown(c, i, 2);
  if (!has(c, i, 2 + params)) return null;
  if (ch === '-') setStyle(c, { underline: (c.buf[i + 2] ?? 0) % 48 !== 0 });
  return named(`FS ${ch}`, i + 2 + params);
}

function stepDle(c: Ctx, i: number): Step {
  if (!has(c, i, 2)) return null;
  const fn = c.buf[i + 1];
  if (fn === 0x04 || fn === 0x05) {
    if (!has(c, i, 3)) return null;
    return fn === 0x04 ? one({ op: 'status', query: c.buf[i + 2] ?? 0 }, i + 3) : named('DLE ENQ', i + 3);
  }
  if (fn === 0x14) return has(c, i, 5) ? named('DLE DC4', i + 5) : null;
  return unknown(c, i, 2);
}

function imageOp(c: Ctx, command: ImageCommand, width: number, height: number, data: Uint8Array): EscPosOp {
  return { op: 'image', command, width, height, data, align: c.state.style.align };
}

function stepRaster(c: Ctx, i: number): Step {
  // GS v followed by anything but '0' is one unknown command of three bytes, decided on the
  // third byte alone: a decision that waited for the eighth would cut a stream that stops
  // early elsewhere than the whole stream (the decoder's property test found [1D 76 10 …])
  if (!has(c, i, 3)) return null;
  if (c.buf[i + 2] !== 0x30) return unknown(c, i, 3);
  if (!has(c, i, 8)) return null;
  const xBytes = u16(c.buf, i + 4);
  const height = u16(c.buf, i + 6);
  const size = xBytes * height;
  if (size > (c.opts.maxImageBytes ?? 4 << 20)) return unknown(c, i, 8);
  if (!has(c, i, 8 + size)) return null;
  return one(imageOp(c, 'GS v 0', xBytes * 8, height, c.buf.slice(i + 8, i + 8 + size)), i + 8 + size);
}

/** Graphics data (GS ( L / GS 8 L) starting at `at` = m; fn 112 stores a raster image. */
function graphics(c: Ctx, command: ImageCommand, at: number, len: number, next: number): Step {
  const fn = c.buf[at + 1];
  if (fn === 50 || fn === 2) return named(`${command} print`, next);
  if (fn !== 112 || len < 10) return named(`${command} fn ${fn ?? 0}`, next);
  const width = u16(c.buf, at + 6);
  const height = u16(c.buf, at + 8);
  const data = c.buf.slice(at + 10, next);
  if (data.length !== Math.ceil(width / 8) * height) return named(`${command} bad image`, next);
  return one(imageOp(c, command, width, height, data), next);
}

function stepGraphics8(c: Ctx, i: number): Step {
  // GS 8 followed by anything but 'L' is one unknown command of three bytes, decided on the
  // third byte, as GS v is (the property test found [1D 38 1B 40 …] cut after GS 8 otherwise)
  if (!has(c, i, 3)) return null;
  if (c.buf[i + 2] !== 0x4c) return unknown(c, i, 3);
  if (!has(c, i, 7)) return null;
  const len = (u16(c.buf, i + 3) + u16(c.buf, i + 5) * 65536) >>> 0;
  if (len > (c.opts.maxImageBytes ?? 4 << 20)) return unknown(c, i, 7);
  return has(c, i, 7 + len) ? graphics(c, 'GS 8 L', i + 7, len, i + 7 + len) : null;
}

const QR_FNS: Record<number, QrFunction> = { 65: 'model', 67: 'size', 69: 'errorCorrection', 80: 'store', 81: 'print' };

function stepGsParen(c: Ctx, i: number): Step {
  if (!has(c, i, 5)) return null;
  const len = u16(c.buf, i + 3);
  if (!has(c, i, 5 + len)) return null;
  const kind = c.buf[i + 2], next = i + 5 + len;
  if (kind === 0x4c && len >= 2) return graphics(c, 'GS ( L', i + 5, len, next);
  if (kind !== 0x6b || len < 2 || c.buf[i + 5] !== 0x31) return named(`GS ( ${String.fromCharCode(kind ?? 0)}`, next);
  const fn = QR_FNS[c.buf[i + 6] ?? 0] ?? 'other';
  if (fn === 'store') return one({ op: 'qr', fn, data: c.buf.slice(i + 8, next) }, next);
  if (fn === 'model') return one({ op: 'qr', fn, value: c.buf[i + 7] ?? 0 }, next);
  return one(fn === 'size' || fn === 'errorCorrection' ? { op: 'qr', fn, value: c.buf[i + 7] ?? 0 } : { op: 'qr', fn }, next);
}

function stepCut(c: Ctx, i: number): Step {
  if (!has(c, i, 3)) return null;
  const m = c.buf[i + 2] ?? 0;
  if (m === 0 || m === 1 || m === 48 || m === 49) return one({ op: 'cut', partial: m % 2 === 1, feed: 0 }, i + 3);
  if (m < 65 || m > 104) return unknown(c, i, 3);
  if (!has(c, i, 4)) return null;
  return one({ op: 'cut', partial: m % 2 === 0, feed: c.buf[i + 3] ?? 0 }, i + 4);
}

function stepBarcode(c: Ctx, i: number): Step {
  if (!has(c, i, 3)) return null;
  const m = c.buf[i + 2] ?? 0;
  if (m <= 6) return stepUntilNul(c, i, 3, 'GS k');
  if (!has(c, i, 4)) return null;
  const n = c.buf[i + 3] ?? 0;
  return has(c, i, 4 + n) ? named('GS k', i + 4 + n) : null;
}

function stepGs(c: Ctx, i: number): Step {
  if (!has(c, i, 2)) return null;
  const ch = String.fromCharCode(c.buf[i + 1] ?? 0);
  switch (ch) {
    case '!': {
      if (!has(c, i, 3)) return null;
      const n = c.buf[i + 2] ?? 0;
      const width = ((n >> 4) & 7) + 1, height = (n & 7) + 1;
      setStyle(c, { width, height });
      return one({ op: 'size', width, height }, i + 3);
    }
    case 'B': if (has(c, i, 3)) setStyle(c, { invert: ((c.buf[i + 2] ?? 0) & 1) === 1 }); break;
    case 'V': return stepCut(c, i);
    case 'v': return stepRaster(c, i);
    case '8': return stepGraphics8(c, i);
    case '(': return stepGsParen(c, i);
    case 'k': return stepBarcode(c, i);
  }
  const params = GS_PARAMS[ch];
  if (params === undefined) return unknown(c, i, 2);
  return has(c, i, 2 + params) ? named(`GS ${ch}`, i + 2 + params) : null;
}

function stepAt(c: Ctx, i: number): Step {
  const b = c.buf[i] ?? 0;
  if (b >= 0x20) return stepText(c, i);
  switch (b) {
    case LF: c.state.x = 0; return one({ op: 'lf' }, i + 1);
    case ESC: return stepEsc(c, i);
    case GS: return stepGs(c, i);
    case FS: return stepFs(c, i);
    case DLE: return stepDle(c, i);
    case 0x0d: return named('CR', i + 1);
    case 0x09: return one({ op: 'text', text: '\t', style: c.state.style, x: c.state.x }, i + 1);
    default: return unknown(c, i, 1);
  }
}

export interface EscPosDecodeResult {
  ops: EscPosOp[];
  /** bytes decoded; the rest is an incomplete command awaiting more bytes */
  consumed: number;
  state: DecoderState;
}

export function decodeEscPos(bytes: Uint8Array, opts: DecoderOptions, state = initialDecoderState()): EscPosDecodeResult {
  const c: Ctx = { buf: bytes, state: { ...state, style: { ...state.style } }, opts };
  const ops: EscPosOp[] = [];
  let i = 0;
  while (i < bytes.length) {
    const step = stepAt(c, i);
    if (!step) break;
    ops.push(...step.ops);
    i = step.next;
  }
  return { ops, consumed: i, state: c.state };
}

export interface StreamDecoder {
  push(chunk: Uint8Array): EscPosOp[];
  /** bytes held back waiting for the rest of a command */
  pending(): number;
  /** decode what is held back as far as it goes (end of stream) */
  flush(): EscPosOp[];
}

/** A streaming decoder; holds back an incomplete command until more bytes arrive. */
export function createStreamDecoder(opts: DecoderOptions, maxPending = 8 << 20): StreamDecoder {
  let buffer = new Uint8Array(0);
  let state = initialDecoderState();
  const push = (chunk: Uint8Array): EscPosOp[] => {
    const joined = new Uint8Array(buffer.length + chunk.length);
    joined.set(buffer);
    joined.set(chunk, buffer.length);
    const result = decodeEscPos(joined, opts, state);
    state = result.state;
    buffer = joined.slice(result.consumed);
    if (buffer.length <= maxPending) return result.ops;
    const dropped: EscPosOp = { op: 'unknown', bytes: Array.from(buffer.subarray(0, 16)) };
    buffer = new Uint8Array(0);
    return [...result.ops, dropped];
  };
  const flush = (): EscPosOp[] => {
    const rest = buffer;
    buffer = new Uint8Array(0);
    return rest.length ? [{ op: 'unknown', bytes: Array.from(rest.subarray(0, 16)) }] : [];
  };
  return { push, pending: () => buffer.length, flush };
}

/** Offsets where one decoded command ends and the next begins (the end of input included). */
export function commandOffsets(bytes: Uint8Array, opts: DecoderOptions): number[] {
  const c: Ctx = { buf: bytes, state: initialDecoderState(), opts };
  const offsets: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    i = stepAt(c, i)?.next ?? bytes.length;
    offsets.push(i);
  }
  return offsets;
}

/**
 * Split a job into chunks of at most `maxChunk` bytes that end on command boundaries, so a
 * status query between chunks never lands inside a command. A single command larger than
 * `maxChunk` (an image) is one chunk.
 */
export function splitAtCommands(bytes: Uint8Array, maxChunk: number, opts: DecoderOptions): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  let last = 0;
  for (const next of commandOffsets(bytes, opts)) {
    if (next - start > maxChunk && last > start) {
      chunks.push(bytes.subarray(start, last));
      start = last;
    }
    last = next;
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}
