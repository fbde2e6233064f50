// The driver against the in-memory simulator on a fake clock: timeouts, resends, the
// lift-the-card rule and reconnects, all without sleeping. The same behaviour over a real
// pty is covered by e2e.test.ts.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CARDS } from '../../common/idcard';
import type { IdCardError, Identity } from '../../common/idcard';
import { FakeClock } from './clock';
import { createIdCardReader } from './driver';
import type { IdCardReader, IdCardReaderOptions, ReaderStatus } from './driver';
import { createMemorySimulator } from './memory-transport';
import type { MemorySimulator } from './memory-transport';
import type { SimulatorFault } from './simulated-reader';

interface Rig {
  clock: FakeClock;
  sim: MemorySimulator;
  reader: IdCardReader;
  cards: { at: number; identity: Identity }[];
  errors: IdCardError[];
  statuses: ReaderStatus[];
}

let rig: Rig | null = null;

function setup(options: Partial<IdCardReaderOptions> = {}, authMs = 300): Rig {
  const clock = new FakeClock();
  const sim = createMemorySimulator({ clock, authMs });
  const reader = createIdCardReader({ transport: sim.transport, clock, ...options });
  const r: Rig = { clock, sim, reader, cards: [], errors: [], statuses: [] };
  reader.on('card', (identity) => r.cards.push({ at: clock.now(), identity }));
  reader.on('error', (error) => r.errors.push(error));
  reader.on('status', (status) => r.statuses.push(status));
  rig = r;
  return r;
}

async function started(options: Partial<IdCardReaderOptions> = {}): Promise<Rig> {
  const r = setup(options);
  await r.reader.start();
  await r.clock.runUntil(() => r.statuses.includes('connected'));
  return r;
}

/** Lets the driver poll for `ms` of fake time. */
async function idle(r: Rig, ms: number): Promise<void> {
  const until = r.clock.now() + ms;
  await r.clock.runUntil(() => r.clock.now() >= until);
}

afterEach(async () => {
  await rig?.reader.stop();
  rig = null;
});

describe('ID-card reader driver (memory simulator, fake clock)', () => {
  it('reads a placed card once, and again only after it was lifted and placed again', async () => {
    const r = await started();
    r.sim.placeCard(0);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity).toMatchObject({ name: '周秀英', idNumber: '430182195603120427', validTo: '长期' });
    await idle(r, 5000);
    expect(r.cards).toHaveLength(1);
    r.sim.liftCard();
    await idle(r, 100);
    r.sim.placeCard(0);
    await r.clock.runUntil(() => r.cards.length === 2);
    expect(r.errors).toEqual([]);
    expect(r.statuses).toEqual(['connected']);
  });

  it('takes the wire time plus authentication, plus at most one poll interval', async () => {
    const r = await started({ pollIntervalMs: 20 });
    const placed = r.clock.now();
    r.sim.placeCard(1);
    await r.clock.runUntil(() => r.cards.length === 1);
    const wireBytes = 10 + 15 + 10 + 19 + 10 + 1295;
    const floor = (wireBytes * 10 * 1000) / 115200 + 300;
    const took = (r.cards[0]?.at ?? 0) - placed;
    expect(took).toBeGreaterThanOrEqual(floor - 1);
    expect(took).toBeLessThanOrEqual(floor + 20 + 3);
  });

  it('reads the fingerprint with 30 10 when asked', async () => {
    const r = await started({ withFingerprint: true });
    r.sim.placeCard(1);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity.fingerprint).toMatch(/^[A-Za-z0-9+/]{100,}/);
  });

  it.each([
    ['a damaged checksum', { kind: 'checksum' } as const],
    ['garbage before the answer', { kind: 'garbage', length: 40 } as const],
    ['one unanswered command', { kind: 'silence' } as const],
  ])('recovers from %s without bothering anyone', async (_name, fault) => {
    const r = await started();
    r.sim.inject(fault);
    r.sim.placeCard(2);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity.cardType).toBe('gat');
    expect(r.errors).toEqual([]);
  });

  it('retries a failed authentication, then reads the card', async () => {
    const r = await started();
    r.sim.inject({ kind: 'auth-failure', sw3: 0x31 });
    r.sim.placeCard(3);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity.cardType).toBe('foreign');
    expect(r.errors).toEqual([]);
  });

  it('reports repeated authentication failures once, then waits for the card to be lifted', async () => {
    const r = await started({ readAttempts: 2 });
    r.sim.inject({ kind: 'auth-failure' });
    r.sim.inject({ kind: 'auth-failure' });
    r.sim.placeCard(4);
    await r.clock.runUntil(() => r.errors.length === 1);
    expect(r.errors[0]?.code).toBe('IDCARD_AUTH_FAILED');
    expect(r.errors[0]?.message.zh).toContain('请拿起身份证重新放置');
    await idle(r, 3000);
    expect([r.cards.length, r.errors.length]).toEqual([0, 1]);
    r.sim.liftCard();
    await idle(r, 100);
    r.sim.placeCard(4);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity.englishName).toBe('JOHNSON, MARY ELIZABETH ANNE MARGARET-LOUISE');
  });

  it('reports a cable pulled mid-frame, and reconnects when the reader comes back', async () => {
    const r = await started({ reconnectIntervalMs: 500 });
    r.sim.inject({ kind: 'pull-cable' });
    r.sim.placeCard(0);
    await r.clock.runUntil(() => r.statuses.at(-1) === 'disconnected');
    expect(r.errors.map((e) => e.code)).toEqual(['IDCARD_DISCONNECTED']);
    await idle(r, 3000);
    expect(r.errors).toHaveLength(1);
    r.sim.replug();
    await r.clock.runUntil(() => r.statuses.at(-1) === 'connected');
    expect(r.statuses).toEqual(['connected', 'disconnected', 'connected']);
    r.sim.placeCard(1);
    await r.clock.runUntil(() => r.cards.length === 1);
  });

  it('says once that the port cannot be opened, and keeps trying', async () => {
    const r = setup({ reconnectIntervalMs: 1000 });
    r.sim.unplug();
    await r.reader.start();
    await idle(r, 5500);
    expect(r.errors.map((e) => e.code)).toEqual(['IDCARD_PORT_OPEN_FAILED']);
    expect(r.statuses).toEqual(['disconnected']);
    r.sim.replug();
    await r.clock.runUntil(() => r.statuses.at(-1) === 'connected');
    expect(r.clock.now()).toBeLessThanOrEqual(6000 + 1000 + 10);
  });

  it('treats a reader that stops answering as disconnected, and reopens it', async () => {
    const r = await started({ commandTimeoutMs: 300, retries: 2 });
    for (let i = 0; i < 6; i++) r.sim.inject({ kind: 'silence' });
    const before = r.clock.now();
    await r.clock.runUntil(() => r.statuses.at(-1) === 'disconnected');
    expect(r.clock.now() - before).toBeGreaterThanOrEqual(900);
    expect(r.errors.map((e) => e.code)).toEqual(['IDCARD_NO_RESPONSE']);
    await r.clock.runUntil(() => r.statuses.at(-1) === 'connected');
    expect(r.sim.opens).toBeGreaterThanOrEqual(2);
  });

  it('survives a throwing card listener: reports IDCARD_INTERNAL and keeps serving', async () => {
    const r = await started({ reconnectIntervalMs: 200 });
    let thrown = false;
    r.reader.prependListener('card', () => {
      if (!thrown) { thrown = true; throw new Error('listener bug'); }
    });
    r.sim.placeCard(0);
    await r.clock.runUntil(() => r.errors.length === 1);
    expect(r.errors[0]?.code).toBe('IDCARD_INTERNAL');
    await r.clock.runUntil(() => r.statuses.at(-1) === 'connected' && r.statuses.length === 3);
    r.sim.liftCard();
    await idle(r, 100);
    r.sim.placeCard(1);
    await r.clock.runUntil(() => r.cards.some((c) => c.identity.name === '刘建军'));
  });

  it('stops cleanly: no command and no driver timer after stop()', async () => {
    const r = await started();
    await idle(r, 55);
    await r.reader.stop();
    await r.clock.runUntil(() => r.clock.pending === 0);
    const commands = r.sim.stats.commands;
    await idle(r, 0);
    expect(r.sim.stats.commands).toBe(commands);
    expect(r.clock.pending).toBe(0);
    expect(r.errors).toEqual([]);
  });

  it.each(DEMO_CARDS.map((c, i) => [c.cardType, i] as const))('reads the demo %s card', async (_type, i) => {
    const r = await started();
    r.sim.placeCard(i);
    await r.clock.runUntil(() => r.cards.length === 1);
    expect(r.cards[0]?.identity.idNumber).toBe(DEMO_CARDS[i]?.idNumber);
  });

  it('reads the card exactly once whatever line faults come first', async () => {
    const fault: fc.Arbitrary<SimulatorFault> = fc.oneof(
      fc.constant({ kind: 'checksum' } as const),
      fc.integer({ min: 1, max: 80 }).map((length) => ({ kind: 'garbage', length }) as const),
      fc.constant({ kind: 'silence' } as const),
    );
    await fc.assert(fc.asyncProperty(fc.array(fault, { maxLength: 8 }), fc.integer({ min: 0, max: 2 }), fc.nat(4), async (faults, authFailures, card) => {
      const r = await started();
      try {
        faults.forEach((f) => r.sim.inject(f));
        for (let i = 0; i < authFailures; i++) r.sim.inject({ kind: 'auth-failure' });
        r.sim.placeCard(card);
        await r.clock.runUntil(() => r.cards.length === 1);
        await idle(r, 2000);
        expect(r.cards.map((c) => c.identity.idNumber)).toEqual([DEMO_CARDS[card]?.idNumber]);
        expect(r.errors.every((e) => e.code === 'IDCARD_NO_RESPONSE')).toBe(true);
      } finally {
        await r.reader.stop();
      }
    }), { numRuns: 40 });
  });
});
