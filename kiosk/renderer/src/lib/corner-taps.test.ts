import { describe, expect, it } from 'vitest';
import { TAP_WINDOW_MS, createCornerTaps } from './corner-taps';

describe('hidden corner taps', () => {
  it('opens after five quick taps and not after slow ones', () => {
    let now = 0;
    let opened = 0;
    const tap = createCornerTaps(() => { opened += 1; }, () => now);
    for (let i = 0; i < 4; i++) { tap(); now += TAP_WINDOW_MS; }
    expect(opened).toBe(0);
    for (let i = 0; i < 5; i++) { tap(); now += 100; }
    expect(opened).toBe(1);
    tap();
    expect(opened).toBe(1);
  });
});
