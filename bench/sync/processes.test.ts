import { describe, expect, it } from 'vitest';
import { parseVmRss, readRss } from './processes';

describe('RSS from /proc', () => {
  it('reads VmRSS in kB and returns bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t   123456 kB\nVmSwap:\t0 kB\n')).toBe(123456 * 1024);
    expect(() => parseVmRss('Name:\tnode\n')).toThrow(/VmRSS/);
  });

  it('agrees with this process\'s own resident set size', async () => {
    const fromProc = await readRss(process.pid);
    const fromNode = process.memoryUsage.rss();
    expect(Math.abs(fromProc - fromNode) / fromNode).toBeLessThan(0.2);
  });
});
