// Pure framing of a serial scanner's byte stream: each scan is the code followed by a
// configurable suffix (CR LF by default). No I/O: the driver feeds bytes in, frames come out.

export type ScanSuffix = 'crlf' | 'cr' | 'lf' | 'tab';

export const SUFFIX_BYTES: Record<ScanSuffix, readonly number[]> = {
  crlf: [0x0d, 0x0a],
  cr: [0x0d],
  lf: [0x0a],
  tab: [0x09],
};

/** The longest code we accept; anything longer is line noise or a wrong baud rate. */
export const MAX_SCAN_BYTES = 4096;

export interface FramerOutput {
  frames: Uint8Array[];
  /** Bytes dropped because a frame grew past MAX_SCAN_BYTES without a suffix. */
  overflowed: number;
}

export interface SerialFramer {
  push(chunk: Uint8Array): FramerOutput;
  /** Forget a partial frame (after unplug, or when the line has been idle too long). */
  reset(): void;
}

function indexOfSuffix(buf: number[], suffix: readonly number[], from: number): number {
  outer: for (let i = from; i + suffix.length <= buf.length; i++) {
    for (let j = 0; j < suffix.length; j++) if (buf[i + j] !== suffix[j]) continue outer;
    return i;
  }
  return -1;
}

export function createSerialFramer(suffix: ScanSuffix = 'crlf', maxBytes = MAX_SCAN_BYTES): SerialFramer {
  const sfx = SUFFIX_BYTES[suffix];
  let buf: number[] = [];
  return {
    push(chunk) {
      const frames: Uint8Array[] = [];
      let overflowed = 0;
      for (const byte of chunk) buf.push(byte);
      let start = 0;
      for (;;) {
        const at = indexOfSuffix(buf, sfx, start);
        if (at < 0) break;
        // A lone LF after a CR-terminated frame (or blank lines) produces empty frames: skip them.
        if (at > start) frames.push(Uint8Array.from(buf.slice(start, at)));
        start = at + sfx.length;
      }
      buf = buf.slice(start);
      if (buf.length > maxBytes) {
        overflowed = buf.length;
        buf = [];
      }
      return { frames, overflowed };
    },
    reset() {
      buf = [];
    },
  };
}
