// The idle watch: after `warnAfterMs` without a touch the kiosk warns with a countdown; after
// `wipeAfterMs` it wipes everything personal and returns to the attract screen. Timers are
// injected so the behaviour is tested without waiting.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleWatch {
  /** A touch, a key or a card: start counting again. */
  activity(): void;
  stop(): void;
}

export function createIdleWatch(opts: {
  warnAfterMs: number;
  wipeAfterMs: number;
  onWarn: (msLeft: number) => void;
  onWipe: () => void;
  timers: Timers;
}): IdleWatch {
  if (!(opts.warnAfterMs > 0 && opts.wipeAfterMs > opts.warnAfterMs)) {
    throw new RangeError('idle: need 0 < warnAfterMs < wipeAfterMs');
  }
  let warn: unknown;
  let wipe: unknown;
  const clear = () => { opts.timers.clearTimeout(warn); opts.timers.clearTimeout(wipe); };
  const arm = () => {
    clear();
    warn = opts.timers.setTimeout(() => opts.onWarn(opts.wipeAfterMs - opts.warnAfterMs), opts.warnAfterMs);
    wipe = opts.timers.setTimeout(opts.onWipe, opts.wipeAfterMs);
  };
  arm();
  return { activity: arm, stop: clear };
}
