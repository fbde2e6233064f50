// Renderer recovery. The main process pings the renderer; a renderer that does not answer within
// `hangMs`, or that crashes, is reloaded. More than `maxRestarts` restarts within `windowMs` is a
// crash loop: the kiosk shows its out-of-service page (with the site's phone number) instead of
// a desktop. Clock and timers are injected so this is tested without waiting.
export interface WatchdogDeps {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  ping(): void;
  reload(): void;
  outOfService(): void;
}

export interface WatchdogOptions { pingEveryMs: number; hangMs: number; maxRestarts: number; windowMs: number }

export function createWatchdog(opts: WatchdogOptions, deps: WatchdogDeps) {
  let lastPong = deps.now();
  let restarts: number[] = [];
  let stopped = false;
  let outOfService = false;

  const restart = (why: 'crash' | 'hang') => {
    if (stopped || outOfService) return why;
    const now = deps.now();
    restarts = [...restarts.filter((t) => now - t < opts.windowMs), now];
    if (restarts.length > opts.maxRestarts) {
      outOfService = true;
      deps.outOfService();
    } else {
      lastPong = now;
      deps.reload();
    }
    return why;
  };

  const timer = deps.setInterval(() => {
    if (deps.now() - lastPong > opts.hangMs) restart('hang');
    else deps.ping();
  }, opts.pingEveryMs);

  return {
    pong() { lastPong = deps.now(); },
    crashed() { restart('crash'); },
    isOutOfService: () => outOfService,
    /** Staff cleared the fault from maintenance mode. */
    reset() { restarts = []; outOfService = false; lastPong = deps.now(); deps.reload(); },
    stop() { stopped = true; deps.clearInterval(timer); },
  };
}
