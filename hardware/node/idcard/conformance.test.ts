// Wire-level conformance: the same checks run against the simulator on a socat pty pair and,
// when ONETRIP_TEST_IDCARD_PORT names a serial port, against a real reader (serialport's
// testSerialPortClass idea). Checks that need a card on a real reader also need
// ONETRIP_TEST_IDCARD_CARD=1 and a person who placed one.
import { createPtyPair, socatAvailable, waitFor } from '@onetrip/testkit';
import type { PtyPair } from '@onetrip/testkit';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command, FrameParser, Sw3, asResponse, encodeCommand, fromHex, toHex } from '../../common/idcard';
import type { IdCardError, ResponseFrame } from '../../common/idcard';
import { createIdCardReader } from './driver';
import type { ReaderStatus } from './driver';
import { startIdCardSimulator } from './simulator';
import type { IdCardSimulator } from './simulator';

interface Target {
  name: string;
  open(): Promise<{ path: string; sim: IdCardSimulator | null; close(): Promise<void> }>;
}

const realPort = process.env.ONETRIP_TEST_IDCARD_PORT;
const targets: Target[] = [
  {
    name: 'simulator on a pty pair',
    open: async () => {
      const pair: PtyPair = await createPtyPair();
      const sim = await startIdCardSimulator({ path: pair.b, authMs: 50 });
      return { path: pair.a, sim, close: async () => { await sim.close(); await pair.close(); } };
    },
  },
];
if (realPort) targets.push({ name: `real reader on ${realPort}`, open: async () => ({ path: realPort, sim: null, close: async () => undefined }) });
else console.log('ONETRIP_TEST_IDCARD_PORT not set: the conformance suite runs against the simulator only');

const noSocat = socatAvailable();
if (noSocat) console.log(`skipping the ID-card conformance suite: ${noSocat}`);

/** Sends raw bytes and waits for one response frame (rejects after `timeoutMs`). */
function exchange(port: SerialPort, bytes: Uint8Array, timeoutMs = 3000): Promise<ResponseFrame> {
  const parser = new FrameParser();
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      for (const event of parser.push(new Uint8Array(chunk))) {
        const response = event.type === 'frame' ? asResponse(event.frame) : null;
        if (!response) continue;
        finish();
        resolve(response);
      }
    };
    const timer = setTimeout(() => { finish(); reject(new Error(`no answer to ${toHex(bytes)}`)); }, timeoutMs);
    const finish = (): void => { clearTimeout(timer); port.off('data', onData); };
    port.on('data', onData);
    port.write(Buffer.from(bytes));
  });
}

describe.skipIf(noSocat).each(targets)('SAM wire conformance: $name', (target) => {
  let line: Awaited<ReturnType<Target['open']>>;
  let port: SerialPort;

  beforeAll(async () => {
    line = await target.open();
    port = new SerialPort({ path: line.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (port?.isOpen ? port.close(() => resolve()) : resolve()));
    await line?.close();
  });

  it('answers SAM status with 90', async () => {
    expect((await exchange(port, fromHex('AA AA AA 96 69 00 03 11 FF ED'))).sw3).toBe(Sw3.success);
  });

  it('answers read SAM id with 90 and 16 bytes', async () => {
    const r = await exchange(port, encodeCommand(...Command.readSamId));
    expect([r.sw3, r.data.length]).toEqual([Sw3.success, 16]);
  });

  it.each(['AA AA AA 96 69 00 03 20 01 21', 'AA AA AA 96 69 00 03 20 00 22'])('answers SW3 10 to the wrong checksum of %s', async (hex) => {
    const r = await exchange(port, fromHex(hex));
    expect(r.sw3).toBe(Sw3.checksumError);
  });

  const cardOnReal = !target.name.startsWith('simulator') && process.env.ONETRIP_TEST_IDCARD_CARD === '1';
  if (cardOnReal) console.log(`skipping no-card checks on ${target.name}: a card lies on it (ONETRIP_TEST_IDCARD_CARD=1)`);

  it.skipIf(cardOnReal)('finds no card when none lies on the reader', async () => {
    line.sim?.liftCard();
    expect((await exchange(port, fromHex('AA AA AA 96 69 00 03 20 01 22'))).sw3).toBe(Sw3.findFailed);
  });

  it.skipIf(cardOnReal)('refuses select and read without a found card', async () => {
    line.sim?.liftCard();
    expect((await exchange(port, encodeCommand(...Command.selectCard))).sw3).toBe(Sw3.selectFailed);
    expect((await exchange(port, encodeCommand(...Command.readBase))).sw3).toBe(Sw3.readFailed);
  });

  const cardReason = target.name.startsWith('simulator') || process.env.ONETRIP_TEST_IDCARD_CARD === '1' ? null : 'set ONETRIP_TEST_IDCARD_CARD=1 with a card on the real reader';
  if (cardReason) console.log(`skipping card checks on ${target.name}: ${cardReason}`);

  it.skipIf(cardReason !== null)('finds, selects and reads a card, and halts it until it is lifted', async () => {
    line.sim?.placeCard(0);
    const found = await exchange(port, fromHex('AA AA AA 96 69 00 03 20 01 22'));
    expect(toHex(new Uint8Array([found.sw3, ...found.data]))).toBe('9F 00 00 00 00');
    const selected = await exchange(port, fromHex('AA AA AA 96 69 00 03 20 02 21'));
    expect([selected.sw3, selected.data.length]).toEqual([Sw3.success, 8]);
    const read = await exchange(port, fromHex('AA AA AA 96 69 00 03 30 01 32'));
    expect([read.sw3, read.data.length]).toEqual([Sw3.success, 4 + 256 + 1024]);
    expect(toHex(read.data.subarray(0, 4))).toBe('01 00 04 00');
    expect((await exchange(port, fromHex('AA AA AA 96 69 00 03 20 01 22'))).sw3).toBe(Sw3.findFailed);
  });
});

describe.skipIf(noSocat).each(targets)('driver conformance: $name', (target) => {
  it('connects (SAM status 90), reports connected, and polls without an error', async () => {
    const line = await target.open();
    const reader = createIdCardReader({ path: line.path, commandTimeoutMs: 1000 });
    const statuses: ReaderStatus[] = [];
    const errors: IdCardError[] = [];
    reader.on('status', (s) => statuses.push(s));
    reader.on('error', (e) => errors.push(e));
    try {
      await reader.start();
      await waitFor(() => statuses.includes('connected'), { description: 'driver connected' });
      const polled = line.sim?.stats.commands ?? 0;
      if (line.sim) await waitFor(() => (line.sim?.stats.commands ?? 0) >= polled + 5, { description: 'driver polling' });
      expect(statuses).toEqual(['connected']);
      expect(errors).toEqual([]);
    } finally {
      await reader.stop();
      await line.close();
    }
  });
});
