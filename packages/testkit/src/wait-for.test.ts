import { describe, expect, it } from 'vitest';
import { TestkitError } from './errors';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing or rejecting predicate as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not ready');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('times out with a bilingual error that names the condition and keeps the last error', async () => {
    const started = Date.now();
    const error = await waitFor(
      () => {
        throw new Error('still booting');
      },
      { timeoutMs: 50, intervalMs: 5, description: 'the server' },
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(error).toBeInstanceOf(TestkitError);
    const err = error as TestkitError;
    expect(err.code).toBe('TESTKIT_WAIT_TIMEOUT');
    expect(err.bilingual.en).toContain('the server');
    expect(err.bilingual.zh).toContain('等待超时');
    expect((err.cause as Error).message).toBe('still booting');
    expect(err.toTransferable()).toEqual({ code: 'TESTKIT_WAIT_TIMEOUT', message: err.bilingual });
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = waitFor(() => false, { timeoutMs: 10_000, intervalMs: 5, signal: controller.signal });
    controller.abort(new Error('test over'));
    await expect(waiting).rejects.toThrow('test over');
  });
});
