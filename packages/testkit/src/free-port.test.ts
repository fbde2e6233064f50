import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port';

describe('freePort', () => {
  it('returns a port that a server can then bind on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1023);
    expect(port).toBeLessThan(65536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    expect(typeof address === 'object' && address?.port).toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('hands out different ports to concurrent callers most of the time', async () => {
    const ports = await Promise.all(Array.from({ length: 8 }, () => freePort()));
    expect(new Set(ports).size).toBeGreaterThan(1);
  });
});
