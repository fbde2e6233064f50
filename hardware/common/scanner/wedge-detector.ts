// Keyboard-wedge scanner detection: a wedge scanner "types" the code as a fast burst of
// key presses ending in Enter. People type far slower, so a burst of at least `minLength`
// printable keys, each within `maxGapMs` of the previous one and ended by Enter, is a scan.
// Pure: the caller passes each key with its time (event.timeStamp or an injected clock).

export interface WedgeOptions {
  /** Shortest code that counts as a scan (shorter bursts are probably typing). */
  minLength?: number;
  /** Longest pause between two keys of one scan, in milliseconds. */
  maxGapMs?: number;
  /** Longest code we keep; longer bursts are dropped. */
  maxLength?: number;
  /** Keys that end a scan. */
  terminators?: readonly string[];
}

export type WedgeDecision =
  | { kind: 'scan'; code: string }
  /** The terminator ended ordinary typing: let it through. */
  | { kind: 'typing' };

export interface WedgeDetector {
  /** Feed one keydown. Returns a decision only for terminator keys. */
  key(key: string, time: number): WedgeDecision | undefined;
  /** True while the keys seen so far could still be the start of a scan. */
  inBurst(time: number): boolean;
  reset(): void;
}

export const WEDGE_DEFAULTS = { minLength: 4, maxGapMs: 40, maxLength: 4096, terminators: ['Enter'] } as const;

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
  const { minLength, maxGapMs, maxLength, terminators } = { ...WEDGE_DEFAULTS, ...options };
  let chars: string[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => { chars = []; last = Number.NEGATIVE_INFINITY; };
  return {
    reset,
    inBurst(time) {
      return chars.length > 0 && time - last <= maxGapMs;
    },
    key(key, time) {
      const gapOk = time - last <= maxGapMs;
      if (terminators.includes(key)) {
        const decision: WedgeDecision = gapOk && chars.length >= minLength ? { kind: 'scan', code: chars.join('') } : { kind: 'typing' };
        reset();
        return decision;
      }
      // Modifiers (Shift for capitals) and other named keys neither count nor break a burst.
      if ([...key].length !== 1) return undefined;
      if (!gapOk) chars = [];
      chars.push(key);
      last = time;
      if (chars.length > maxLength) reset();
      return undefined;
    },
  };
}
