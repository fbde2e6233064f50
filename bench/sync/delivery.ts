// Figures 3 and 4: many live streams, one write, how long until every stream has it.
// The same procedure drives both sides; only opening streams and writing differ.

export interface LiveStreams { close(): Promise<void> }

export interface LiveSide {
  /** Opens `count` live streams; `onDoc` is called for every document id a stream delivers. */
  open(count: number, onDoc: (stream: number, id: string) => void): Promise<LiveStreams>;
  /** Writes one new document with this id through the side's normal write path. */
  write(id: string): Promise<void>;
}

export interface DeliveryResult {
  /**
   * One latency in ms per stream, from just before the write to the stream's delivery. A stream
   * that has not delivered when `timeoutMs` runs out counts as `timeoutMs` (a censored sample).
   */
  latenciesMs: number[];
  undelivered: number;
  /** What `atSteadyState` returned while every stream was open and live. */
  steady: number;
}

interface Probe { arrivals: Map<number, number>; complete: () => void }

/** Resolves with the arrivals once every stream has the id, or with those so far when time is up. */
function waitForAll(probes: Map<string, Probe>, id: string, timeoutMs: number): Promise<Map<number, number>> {
  return new Promise((resolve) => {
    const arrivals = new Map<number, number>();
    const timer = setTimeout(() => { probes.delete(id); resolve(arrivals); }, timeoutMs);
    probes.set(id, {
      arrivals,
      complete: () => { clearTimeout(timer); probes.delete(id); resolve(arrivals); },
    });
  });
}

/** Waits for a write at most `ms`; a write still pending then is left to finish on its own. */
async function bounded(write: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([write, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DeliveryOptions {
  streams: number;
  newId: () => string;
  /** Called once every stream has delivered the warm-up write (e.g. to read the server's RSS). */
  atSteadyState: () => Promise<number>;
  timeoutMs: number;
  log: (line: string) => void;
}

export async function measureDelivery(side: LiveSide, opts: DeliveryOptions): Promise<DeliveryResult> {
  const probes = new Map<string, Probe>();
  const onDoc = (stream: number, id: string): void => {
    const probe = probes.get(id);
    if (!probe || probe.arrivals.has(stream)) return;
    probe.arrivals.set(stream, performance.now());
    if (probe.arrivals.size === opts.streams) probe.complete();
  };
  const live = await side.open(opts.streams, onDoc);
  try {
    opts.log(`${opts.streams} streams open; warm-up write`);
    const warmUp = opts.newId();
    const [, warmed] = await Promise.all([bounded(side.write(warmUp), opts.timeoutMs), waitForAll(probes, warmUp, opts.timeoutMs)]);
    if (warmed.size < opts.streams) {
      opts.log(`only ${warmed.size} of ${opts.streams} streams delivered the warm-up write within ${opts.timeoutMs} ms; measuring anyway`);
    }
    const steady = await opts.atSteadyState();
    const probeId = opts.newId();
    const start = performance.now();
    const [, arrivals] = await Promise.all([bounded(side.write(probeId), opts.timeoutMs), waitForAll(probes, probeId, opts.timeoutMs)]);
    const latenciesMs = [...arrivals.values()].map((t) => t - start);
    const undelivered = opts.streams - latenciesMs.length;
    for (let i = 0; i < undelivered; i++) latenciesMs.push(opts.timeoutMs);
    return { latenciesMs, undelivered, steady };
  } finally {
    await live.close();
  }
}
