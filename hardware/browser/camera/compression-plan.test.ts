import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressionPlan } from './compression-plan';

describe('compressionPlan', () => {
  it('lowers quality first, then scale, and never grows the picture (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 8000 }), (w, h) => {
      const steps = [...compressionPlan(w, h, { maxBytes: 1 })];
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.length).toBeLessThan(200);
      for (let i = 1; i < steps.length; i++) {
        const [a, b] = [steps[i - 1]!, steps[i]!];
        expect(b.width).toBeLessThanOrEqual(a.width);
        if (b.width === a.width && b.height === a.height) expect(b.quality).toBeLessThan(a.quality);
      }
      expect(Math.max(steps[0]!.width, steps[0]!.height)).toBeLessThanOrEqual(2400);
    }));
  });

  it('starts by fitting a large frame into 2400 px', () => {
    expect([...compressionPlan(4000, 3000, { maxBytes: 1 })][0]).toEqual({ width: 2400, height: 1800, quality: 0.92 });
  });
});
