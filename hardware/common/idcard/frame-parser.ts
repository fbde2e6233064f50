// Streaming SAM frame parser: feed it whatever the line delivers, in any chunks, and it hands
// back whole frames. It resynchronises on the preamble after garbage, partial frames, bad
// lengths and bad checksums, and it never holds more than one maximal frame of bytes.
// The result depends only on the bytes, never on where the chunks were split.
import { HEADER_LENGTH, MAX_LEN, MIN_LEN, PREAMBLE, xorChecksum } from './frame';
import type { RawFrame } from './frame';

export type ParseEvent =
  | { readonly type: 'frame'; readonly frame: RawFrame }
  /** A frame whose CHK did not match; a reader answers such a command with SW3 = 10. */
  | { readonly type: 'bad-checksum'; readonly payload: Uint8Array }
  /** A preamble followed by an impossible LEN; a reader answers with SW3 = 11. */
  | { readonly type: 'bad-length'; readonly len: number };

export interface FrameParserOptions {
  /** Largest LEN accepted (default MAX_LEN); longer frames count as bad-length. */
  readonly maxLen?: number;
}

function preambleAt(buf: Uint8Array, i: number): boolean {
  for (let k = 0; k < PREAMBLE.length; k++) if (buf[i + k] !== PREAMBLE[k]) return false;
  return true;
}

/** Length of the longest suffix of `buf` that is a proper prefix of the preamble. */
function partialPreambleSuffix(buf: Uint8Array): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length); k > 0; k--) {
    let match = true;
    for (let j = 0; j < k && match; j++) match = buf[buf.length - k + j] === PREAMBLE[j];
    if (match) return k;
  }
  return 0;
}

export class FrameParser {
  private buf = new Uint8Array(0);
  private readonly maxLen: number;
  /** Bytes thrown away as garbage since the parser was made (for diagnostics). */
  discarded = 0;

  constructor(options: FrameParserOptions = {}) {
    this.maxLen = Math.min(options.maxLen ?? MAX_LEN, MAX_LEN);
  }

  /** Bytes currently held while waiting for the rest of a frame. Never above 7 + maxLen. */
  get buffered(): number {
    return this.buf.length;
  }

  /** Forgets any partial frame (after a timeout, or when the line was reopened). */
  reset(): void {
    this.discarded += this.buf.length;
    this.buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array): ParseEvent[] {
    const buf = new Uint8Array(this.buf.length + chunk.length);
    buf.set(this.buf, 0);
    buf.set(chunk, this.buf.length);
    const events: ParseEvent[] = [];
    const pos = this.scan(buf, events);
    this.buf = buf.slice(pos);
    return events;
  }

  /** Emits every complete frame in `buf`; returns where the unconsumed tail starts. */
  private scan(buf: Uint8Array, events: ParseEvent[]): number {
    let pos = 0;
    for (;;) {
      const start = this.findPreamble(buf, pos);
      if (start < 0) {
        const keep = partialPreambleSuffix(buf.subarray(pos));
        this.discarded += buf.length - pos - keep;
        return buf.length - keep;
      }
      this.discarded += start - pos;
      pos = start;
      if (buf.length - pos < HEADER_LENGTH) return pos;
      const len = ((buf[pos + 5] ?? 0) << 8) | (buf[pos + 6] ?? 0);
      if (len < MIN_LEN || len > this.maxLen) {
        events.push({ type: 'bad-length', len });
        pos += 1;
        continue;
      }
      const end = pos + HEADER_LENGTH + len;
      if (buf.length < end) return pos;
      const payload = buf.slice(pos + HEADER_LENGTH, end - 1);
      if (xorChecksum(buf, pos + 5, end - 1) === buf[end - 1]) {
        events.push({ type: 'frame', frame: { payload } });
        pos = end;
      } else {
        // The "frame" may have been garbage that looked like a preamble, with the real frame
        // starting inside it: step one byte and search again rather than skip the whole length.
        events.push({ type: 'bad-checksum', payload });
        pos += 1;
      }
    }
  }

  private findPreamble(buf: Uint8Array, from: number): number {
    const last = buf.length - PREAMBLE.length;
    for (let i = from; i <= last; i++) if (preambleAt(buf, i)) return i;
    return -1;
  }
}
