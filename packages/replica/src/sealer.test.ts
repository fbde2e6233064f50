// The worker sealer over a real MessageChannel (the worker's side served on the other port,
// as browser/seal-worker.ts serves it in a Worker): same results as sealing on the thread,
// requests batched, and every failure of the worker ends on the calling thread.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decryptJson, encryptJson, importEncryptionKey } from './field-crypto';
import { inThreadSealer, serveSealing, workerSealer } from './sealer';
import type { SealPort, SealRequest } from './sealer';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); }
});

/** A sealer whose worker side runs on the other end of a MessageChannel; `sent` records what went over. */
function overChannel() {
  const channel = new MessageChannel();
  channels.push(channel);
  serveSealing(channel.port2 as unknown as SealPort);
  channel.port2.start();
  const sent: SealRequest[] = [];
  const port: SealPort = {
    postMessage: (message) => { sent.push(message as SealRequest); channel.port1.postMessage(message); },
    addEventListener: (type, listener) => channel.port1.addEventListener(type, listener as (e: Event) => void),
  };
  const sealer = workerSealer(port);
  channel.port1.start();
  return { sealer, sent };
}

const newKey = () => importEncryptionKey(crypto.getRandomValues(new Uint8Array(32)));

describe('worker sealer', () => {
  it('seals and opens like the thread does, in either direction', async () => {
    const key = await newKey();
    const { sealer } = overChannel();
    await fc.assert(fc.asyncProperty(fc.json(), fc.string({ maxLength: 40 }), async (json, context) => {
      const sealed = await sealer.seal(key, json, context);
      expect(sealed).not.toContain(json.length > 8 ? json : '\u0000');
      expect(await decryptJson(key, sealed, context)).toBe(json);
      expect(await sealer.open(key, await encryptJson(key, json, context), context)).toBe(json);
    }), { numRuns: 60 });
    expect(sealer.where).toBe('worker');
  });

  it('sends what one turn asks for as one message per operation, and each key once', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const { sealer, sent } = overChannel();
    const values = Array.from({ length: 200 }, (_, i) => JSON.stringify({ name: `张三${i}`, idNumber: `43018219900101${String(i).padStart(4, '0')}` }));
    const sealed = await Promise.all(values.map((v, i) => sealer.seal(i % 2 ? a : b, v, `caseEvents/${i}`)));
    expect(sent.filter((m) => m.kind === 'key')).toHaveLength(2);
    expect(sent.filter((m) => m.kind === 'seal')).toHaveLength(2);
    const opened = await Promise.all(sealed.map((s, i) => sealer.open(i % 2 ? a : b, s, `caseEvents/${i}`)));
    expect(opened).toEqual(values);
    expect(sent.filter((m) => m.kind === 'open')).toHaveLength(2);
    expect(sent.filter((m) => m.kind === 'key')).toHaveLength(2);
  });

  it('refuses a value sealed for another context or key, and a tampered one, as the thread does', async () => {
    const [key, other] = [await newKey(), await newKey()];
    const { sealer } = overChannel();
    const sealed = await sealer.seal(key, '{"idNumber":"430182199001011234"}', 'cases/A');
    const tampered = sealed.slice(0, -6) + (sealed.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    const results = await Promise.allSettled([
      sealer.open(key, sealed, 'cases/B'), sealer.open(other, sealed, 'cases/A'), sealer.open(key, tampered, 'cases/A'), sealer.open(key, 'plain', 'cases/A'),
      sealer.open(key, sealed, 'cases/A'),
    ]);
    for (const r of results.slice(0, 4)) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'REPLICA_DECRYPT_FAILED' } });
    expect(results[4]).toEqual({ status: 'fulfilled', value: '{"idNumber":"430182199001011234"}' });
    expect(sealer.where).toBe('worker');
  });

  it('finishes on the calling thread what a failing worker owed, and all that follows', async () => {
    const key = await newKey();
    const listeners = new Map<string, ((e: { data?: unknown }) => void)[]>();
    const sent: SealRequest[] = [];
    // a worker that takes requests and never answers, then reports an error (a script that failed to load)
    const port: SealPort = {
      postMessage: (m) => { sent.push(m as SealRequest); },
      addEventListener: (type, l) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    };
    const sealer = workerSealer(port);
    const owed = Promise.all([1, 2, 3].map((i) => sealer.seal(key, `{"n":${i}}`, `cases/${i}`)));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(sent.some((m) => m.kind === 'seal')).toBe(true);
    for (const l of listeners.get('error') ?? []) l({});
    const sealed = await owed;
    expect(await Promise.all(sealed.map((s, i) => decryptJson(key, s, `cases/${i + 1}`)))).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(sealer.where).toBe('main thread');
    const later = await sealer.seal(key, '{"n":4}', 'cases/4');
    expect(await inThreadSealer.open(key, later, 'cases/4')).toBe('{"n":4}');
    expect(sent.filter((m) => m.kind === 'seal')).toHaveLength(1);
  });

  it('leaves a worker that neither answers nor reports an error, and finishes on the thread', async () => {
    const key = await newKey();
    const port: SealPort = { postMessage: () => undefined, addEventListener: () => undefined };
    const sealer = workerSealer(port, inThreadSealer, 50);
    const sealed = await sealer.seal(key, '{"name":"王五"}', 'cases/Y');
    expect(await decryptJson(key, sealed, 'cases/Y')).toBe('{"name":"王五"}');
    expect(sealer.where).toBe('main thread');
  });

  it('works on the thread when the worker cannot take the key (postMessage throws)', async () => {
    const key = await newKey();
    const port: SealPort = {
      postMessage: () => { throw new DOMException('could not be cloned', 'DataCloneError'); },
      addEventListener: () => undefined,
    };
    const sealer = workerSealer(port);
    const sealed = await sealer.seal(key, '{"name":"李四"}', 'cases/X');
    expect(await decryptJson(key, sealed, 'cases/X')).toBe('{"name":"李四"}');
    expect(sealer.where).toBe('main thread');
  });

  it('redoes on the thread an item the worker answered with nothing, and ignores answers to nothing asked', async () => {
    const key = await newKey();
    let listener: ((e: { data?: unknown }) => void) | undefined;
    const port: SealPort = {
      postMessage: (m) => {
        const request = m as SealRequest;
        if (request.kind === 'key') return;
        // a malformed answer, an answer to an unknown batch, then a short one: all handled
        queueMicrotask(() => {
          listener?.({ data: 'nonsense' });
          listener?.({ data: { batch: 999, results: ['x'] } });
          listener?.({ data: { batch: request.batch, results: [null] } });
        });
      },
      addEventListener: (type, l) => { if (type === 'message') listener = l; },
    };
    const sealer = workerSealer(port);
    const [x, y] = await Promise.all([sealer.seal(key, '{"a":1}', 'c/1'), sealer.seal(key, '{"b":2}', 'c/2')]);
    expect(await decryptJson(key, x, 'c/1')).toBe('{"a":1}');
    expect(await decryptJson(key, y, 'c/2')).toBe('{"b":2}');
  });
});
