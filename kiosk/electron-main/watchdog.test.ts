import { describe, expect, it } from 'vitest';
import { createWatchdog } from './watchdog';

function harness(opts = { pingEveryMs: 1000, hangMs: 5000, maxRestarts: 3, windowMs: 60_000 }) {
  let now = 0;
  let tick: (() => void) | null = null;
  const log: string[] = [];
  const dog = createWatchdog(opts, {
    now: () => now,
    setInterval: (fn) => { tick = fn; return 1; },
    clearInterval: () => { tick = null; },
    ping: () => log.push('ping'),
    reload: () => log.push('reload'),
    outOfService: () => log.push('out-of-service'),
  });
  const advance = (ms: number) => { for (let i = 0; i < ms / opts.pingEveryMs; i++) { now += opts.pingEveryMs; tick?.(); } };
  return { dog, log, advance, setNow: (t: number) => { now = t; } };
}

describe('renderer watchdog', () => {
  it('pings a healthy renderer and never reloads it', () => {
    const { dog, log, advance } = harness();
    for (let i = 0; i < 10; i++) { advance(1000); dog.pong(); }
    expect(log.every((l) => l === 'ping')).toBe(true);
  });

  it('reloads a renderer that stops answering', () => {
    const { log, advance } = harness();
    advance(6000);
    expect(log).toContain('reload');
  });

  it('shows the out-of-service page after a crash loop, and staff can reset it', () => {
    const { dog, log } = harness();
    for (let i = 0; i < 4; i++) dog.crashed();
    expect(log.filter((l) => l === 'reload')).toHaveLength(3);
    expect(log.at(-1)).toBe('out-of-service');
    expect(dog.isOutOfService()).toBe(true);
    dog.crashed();
    expect(log.filter((l) => l === 'out-of-service')).toHaveLength(1);
    dog.reset();
    expect(dog.isOutOfService()).toBe(false);
    expect(log.at(-1)).toBe('reload');
  });

  it('forgets crashes older than the window', () => {
    const { dog, log, setNow } = harness();
    for (let i = 0; i < 3; i++) dog.crashed();
    setNow(61_000);
    dog.crashed();
    expect(log).not.toContain('out-of-service');
  });
});
