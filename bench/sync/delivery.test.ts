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

  it('fails, naming how many streams delivered, when one stream never does', async () => {
    await expect(measureDelivery(fakeSide(new Set([2])), {
      streams: 3, newId: () => 'x', timeoutMs: 50, log: () => undefined, atSteadyState: async () => 0,
    })).rejects.toThrow(/only 2 of 3 streams/);
  });
});
