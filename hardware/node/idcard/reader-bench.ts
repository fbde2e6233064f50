// Benchmark: card placed → identity parsed, through the real driver, a socat pty pair and the
// simulator pacing its bytes at 115200 baud. The floor is what no driver can beat: the bytes
// of one find → select → read exchange on the wire (10 bits a byte) plus the simulated card
// authentication. Run with `npm run bench -- reader` (bench/reader.ts calls this).
import { createPtyPair, waitFor } from '@onetrip/testkit';
import { Command, encodeCommand, encodeResponse, DEMO_CARDS, encodeCardRead } from '../../common/idcard';
import { createIdCardReader } from './driver';
import type { Identity } from '../../common/idcard';
import { startIdCardSimulator } from './simulator';

const BAUD = 115200;
const AUTH_MS = 300;
const ROUNDS = 20;

/** Bytes of one successful find → select → read exchange, both directions. */
export function cycleBytes(): number {
  const commands = [Command.findCard, Command.selectCard, Command.readBase].map(([c, p]) => encodeCommand(c, p).length);
  const answers = [encodeResponse(0x9f, new Uint8Array(4)), encodeResponse(0x90, new Uint8Array(8))].map((f) => f.length);
  const read = encodeResponse(0x90, encodeCardRead(DEMO_CARDS[0] ?? DEMO_CARDS[1]!, false)).length;
  return [...commands, ...answers, read].reduce((a, b) => a + b, 0);
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function runReaderBench(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string[]> {
  const pair = await createPtyPair();
  const sim = await startIdCardSimulator({ path: pair.b, baudRate: BAUD, authMs: AUTH_MS });
  const reader = createIdCardReader({ path: pair.a, baudRate: BAUD });
  const cards: { at: number; identity: Identity }[] = [];
  reader.on('card', (identity) => cards.push({ at: performance.now(), identity }));
  try {
    const connected = new Promise((resolve) => reader.once('status', resolve));
    await reader.start();
    await connected;
    const took: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      sim.liftCard();
      const polled = sim.stats.commands;
      await waitFor(() => sim.stats.commands >= polled + 2, { description: 'the driver polling an empty reader' });
      const placed = performance.now();
      sim.placeCard(round % 2);
      await waitFor(() => cards.length === round + 1, { intervalMs: 1, description: `card ${round}` });
      took.push((cards[round]?.at ?? NaN) - placed);
      log(`reader: round ${round + 1}/${ROUNDS} ${took.at(-1)?.toFixed(1)} ms`);
    }
    const floor = sim.wireMs(cycleBytes()) + AUTH_MS;
    const sorted = [...took].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const p90 = quantile(sorted, 0.9);
    return [
      `reader card placed → identity, median of ${ROUNDS} (peer: wire ${cycleBytes()} B @${BAUD} + ${AUTH_MS} ms auth): ours ${median.toFixed(1)} ms, peer ${floor.toFixed(1)} ms, ratio ${(median / floor).toFixed(3)}`,
      `reader median ratio to the wire+auth floor: ours ${(median / floor).toFixed(3)} x, target 1.15 x`,
      `reader p90 ratio to the wire+auth floor: ours ${(p90 / floor).toFixed(3)} x, target 1.15 x`,
    ];
  } finally {
    await reader.stop();
    await sim.close();
    await pair.close();
  }
}
