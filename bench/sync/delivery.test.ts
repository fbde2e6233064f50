import { describe, expect, it } from 'vitest';
import { measureDelivery, type LiveSide } from './delivery';

/** An in-process side: every write reaches every open stream, except streams listed as deaf. */
function fakeSide(deaf: Set<number> = new Set()): LiveSide & { writes: string[] } {
  let handlers: ((id: string) => void)[] = [];
  const writes: string[] = [];
  return {
    writes,
    async open(count, onDoc) {
      handlers = Array.from({ length: count }, (_, i) => (id: string) => { if (!deaf.has(i)) { onDoc(i, id); onDoc(i, id); } });
      return { close: async () => { handlers = []; } };
    },
    async write(id) {
      writes.push(id);
      queueMicrotask(() => { for (const h of handlers) h(id); });
    },
  };
}

describe('measureDelivery', () => {
  it('warms up, reads the steady state, then times one write to every stream', async () => {
    const side = fakeSide();
    let n = 0;
    let steadyCalls = 0;
    const result = await measureDelivery(side, {
      streams: 5, newId: () => `doc-${n++}`, timeoutMs: 5_000, log: () => undefined,
      atSteadyState: async () => { steadyCalls += 1; return 42; },
    });
    expect(side.writes).toEqual(['doc-0', 'doc-1']);
    expect(steadyCalls).toBe(1);
    expect(result.steady).toBe(42);
    expect(result.latenciesMs).toHaveLength(5);
    for (const ms of result.latenciesMs) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('counts a stream that never delivers at the bound, and says so', async () => {
    const lines: string[] = [];
    let n = 0;
    const result = await measureDelivery(fakeSide(new Set([2])), {
      streams: 3, newId: () => `doc-${n++}`, timeoutMs: 50, log: (l) => lines.push(l), atSteadyState: async () => 0,
    });
    expect(result.undelivered).toBe(1);
    expect(result.latenciesMs).toHaveLength(3);
    expect(Math.max(...result.latenciesMs)).toBe(50);
    expect(lines.some((l) => l.includes('only 2 of 3 streams delivered the warm-up'))).toBe(true);
  });

  it('does not wait for a write that never returns beyond the bound', async () => {
    const side = fakeSide();
    const hanging: LiveSide = { open: side.open, write: async (id) => { await side.write(id); await new Promise(() => undefined); } };
    let n = 0;
    const result = await measureDelivery(hanging, { streams: 2, newId: () => `d${n++}`, timeoutMs: 50, log: () => undefined, atSteadyState: async () => 1 });
    expect(result.undelivered).toBe(0);
    expect(result.latenciesMs).toHaveLength(2);
  });
});
