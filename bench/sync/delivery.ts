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
  /** One latency in ms per stream, from just before the write to the stream's delivery. */
  latenciesMs: number[];
  /** What `atSteadyState` returned while every stream was open and live. */
  steady: number;
}

interface Probe { arrivals: Map<number, number>; complete: () => void }

function waitForAll(probes: Map<string, Probe>, id: string, streams: number, timeoutMs: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<number, number>();
    const timer = setTimeout(() => {
      probes.delete(id);
      reject(new Error(`only ${arrivals.size} of ${streams} streams delivered ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    probes.set(id, {
      arrivals,
      complete: () => { clearTimeout(timer); probes.delete(id); resolve(arrivals); },
    });
  });
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
    const warmed = waitForAll(probes, warmUp, opts.streams, opts.timeoutMs);
    await side.write(warmUp);
    await warmed;
    const steady = await opts.atSteadyState();
    const probeId = opts.newId();
    const delivered = waitForAll(probes, probeId, opts.streams, opts.timeoutMs);
    const start = performance.now();
    await side.write(probeId);
    const arrivals = await delivered;
    return { latenciesMs: [...arrivals.values()].map((t) => t - start), steady };
  } finally {
    await live.close();
  }
}
