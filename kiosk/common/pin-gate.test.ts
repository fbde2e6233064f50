import { describe, expect, it } from 'vitest';
import { LOCK_MS, createPinGate } from './pin-gate';

describe('maintenance PIN', () => {
  it('lets the right PIN in and counts wrong ones down', () => {
    const gate = createPinGate({ pin: '2468', now: () => 0 });
    expect(gate.check('1111')).toMatchObject({ ok: false, code: 'PIN_WRONG', triesLeft: 4 });
    expect(gate.check('2468')).toEqual({ ok: true });
    // a success resets the count
    expect(gate.check('1111')).toMatchObject({ code: 'PIN_WRONG', triesLeft: 4 });
  });

  it('locks after five wrong tries, even against the right PIN, until the time has passed', () => {
    let now = 1_000;
    const gate = createPinGate({ pin: '2468', now: () => now });
    for (let i = 0; i < 4; i++) expect(gate.check('0000')).toMatchObject({ code: 'PIN_WRONG' });
    expect(gate.check('0000')).toMatchObject({ code: 'PIN_LOCKED', retryInMs: LOCK_MS });
    expect(gate.check('2468')).toMatchObject({ code: 'PIN_LOCKED' });
    now += LOCK_MS - 1;
    expect(gate.check('2468')).toMatchObject({ code: 'PIN_LOCKED', retryInMs: 1 });
    now += 1;
    expect(gate.check('2468')).toEqual({ ok: true });
  });

  it('refuses everything when no PIN is configured, and tells the difference of a prefix', () => {
    expect(createPinGate({ pin: null, now: () => 0 }).check('')).toMatchObject({ code: 'PIN_NOT_SET' });
    const gate = createPinGate({ pin: '2468', now: () => 0 });
    expect(gate.check('246')).toMatchObject({ code: 'PIN_WRONG' });
    expect(gate.check('24680')).toMatchObject({ code: 'PIN_WRONG' });
    expect(gate.check('')).toMatchObject({ code: 'PIN_WRONG' });
  });
});
