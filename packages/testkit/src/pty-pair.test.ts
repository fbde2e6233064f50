import { existsSync, lstatSync } from 'node:fs';
import fc from 'fast-check';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, socatAvailable, type PtyPair } from './pty-pair';
import { waitFor } from './wait-for';

const missing = socatAvailable();
if (missing) console.warn(`pty-pair tests skipped: ${missing}`);

async function open(path: string): Promise<{ port: SerialPort; received: () => Buffer }> {
  const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const chunks: Buffer[] = [];
  port.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { port, received: () => Buffer.concat(chunks) };
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve, reject) => port.close((error) => (error ? reject(error) : resolve())));
}

describe.skipIf(missing !== null)('createPtyPair', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('connects the two ends both ways and passes every byte value through untouched', async () => {
    pair = await createPtyPair();
    expect(lstatSync(pair.a).isSymbolicLink()).toBe(true);
    expect(lstatSync(pair.b).isSymbolicLink()).toBe(true);
    const a = await open(pair.a);
    const b = await open(pair.b);
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = Buffer.from('回执 receipt\r\n', 'utf8');
    a.port.write(allBytes);
    b.port.write(text);
    await waitFor(() => b.received().length >= allBytes.length, { description: 'bytes a→b' });
    await waitFor(() => a.received().length >= text.length, { description: 'bytes b→a' });
    expect(b.received()).toEqual(allBytes);
    expect(a.received()).toEqual(text);
    await Promise.all([closePort(a.port), closePort(b.port)]);
  });

  it('survives an end being closed and opened again (a driver reconnecting)', async () => {
    pair = await createPtyPair();
    const a = await open(pair.a);
    const first = await open(pair.b);
    await closePort(first.port);
    const second = await open(pair.b);
    a.port.write(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    await waitFor(() => second.received().length >= 5, { description: 'bytes after reopening' });
    expect([...second.received()]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    await Promise.all([closePort(a.port), closePort(second.port)]);
  });

  it('removes both links and the socat process on close', async () => {
    pair = await createPtyPair();
    const { a, b } = pair;
    await pair.close();
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(false);
    await pair.close(); // idempotent
  });

  it('delivers arbitrary byte sequences intact (property)', async () => {
    pair = await createPtyPair();
    const a = await open(pair.a);
    const b = await open(pair.b);
    let expected = Buffer.alloc(0);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 512 }), async (bytes) => {
        expected = Buffer.concat([expected, Buffer.from(bytes)]);
        a.port.write(Buffer.from(bytes));
        await waitFor(() => b.received().length >= expected.length, { timeoutMs: 5_000, description: 'property bytes' });
        expect(b.received().equals(expected)).toBe(true);
      }),
      { numRuns: 25 },
    );
    await Promise.all([closePort(a.port), closePort(b.port)]);
  });
});
