// Status bits of DLE EOT answers: one test per row and bit of the wire-facts table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeStatusAnswer, isStatusAnswer, parsePaperSensor, parseStatus, type SimulatedPrinterState, type StatusAnswers,
} from './printer-status';

const healthy: StatusAnswers = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 };
const withBits = (patch: Partial<StatusAnswers>): StatusAnswers => ({ ...healthy, ...patch });

describe('DLE EOT answers', () => {
  it('healthy printer: 0x12 on every query is ok', () => {
    const s = parseStatus(healthy);
    expect(s).toMatchObject({ ok: true, paper: 'ok', coverOpen: false, offline: false, cutterError: false });
    expect(s.error).toBeUndefined();
  });

  it('only bytes with bits 1 and 4 set and 0 and 7 clear are answers', () => {
    expect(isStatusAnswer(0x12)).toBe(true);
    expect(isStatusAnswer(0x1a)).toBe(true);
    expect(isStatusAnswer(0x72)).toBe(true);
    expect(isStatusAnswer(0x10)).toBe(false);
    expect(isStatusAnswer(0x13)).toBe(false);
    expect(isStatusAnswer(0x92)).toBe(false);
    expect(isStatusAnswer(0x0a)).toBe(false);
  });

  it('10 04 01 bit 3: offline', () => {
    const s = parseStatus(withBits({ printer: 0x12 | 0x08 }));
    expect(s).toMatchObject({ ok: false, offline: true, error: { code: 'PRINTER_OFFLINE' } });
  });

  it('10 04 02 bit 2: cover open', () => {
    const s = parseStatus(withBits({ offlineCause: 0x12 | 0x04 }));
    expect(s).toMatchObject({ ok: false, coverOpen: true, error: { code: 'PRINTER_COVER_OPEN' } });
    expect(s.error?.message.zh).toContain('打印机盖');
  });

  it('10 04 02 bit 3: feed button is reported but is no fault', () => {
    const s = parseStatus(withBits({ offlineCause: 0x12 | 0x08 }));
    expect(s).toMatchObject({ ok: true, feedButton: true });
  });

  it('10 04 02 bit 5: stopped at paper end', () => {
    const s = parseStatus(withBits({ offlineCause: 0x12 | 0x20 }));
    expect(s).toMatchObject({ ok: false, paper: 'out', error: { code: 'PRINTER_PAPER_OUT' } });
    expect(s.error?.message).toEqual({ zh: '打印机缺纸，请联系工作人员', en: 'Out of paper, please ask staff' });
  });

  it('10 04 02 bit 6: error', () => {
    expect(parseStatus(withBits({ offlineCause: 0x12 | 0x40 }))).toMatchObject({ ok: false, error: { code: 'PRINTER_UNRECOVERABLE' } });
  });

  it('10 04 03 bit 2: auto-cutter error', () => {
    expect(parseStatus(withBits({ errorCause: 0x12 | 0x04 }))).toMatchObject({ ok: false, cutterError: true, error: { code: 'PRINTER_CUTTER_ERROR' } });
  });

  it('10 04 03 bit 3: unrecoverable error', () => {
    expect(parseStatus(withBits({ errorCause: 0x12 | 0x08 }))).toMatchObject({ ok: false, unrecoverableError: true, error: { code: 'PRINTER_UNRECOVERABLE' } });
  });

  it('10 04 03 bit 5: auto-recoverable error', () => {
    expect(parseStatus(withBits({ errorCause: 0x12 | 0x20 }))).toMatchObject({ ok: false, autoRecoverableError: true });
  });

  it('10 04 04 bits 2–3 (0x0C): paper near end is a warning, not a fault', () => {
    expect(parsePaperSensor(0x12 | 0x0c)).toBe('nearEnd');
    expect(parsePaperSensor(0x12 | 0x04)).toBe('nearEnd');
    expect(parseStatus(withBits({ paperSensor: 0x1e }))).toMatchObject({ ok: true, paper: 'nearEnd' });
  });

  it('10 04 04 bits 5–6 (0x60): paper out', () => {
    expect(parsePaperSensor(0x12 | 0x60)).toBe('out');
    expect(parsePaperSensor(0x12 | 0x6c)).toBe('out');
    expect(parseStatus(withBits({ paperSensor: 0x72 }))).toMatchObject({ ok: false, paper: 'out', error: { code: 'PRINTER_PAPER_OUT' } });
  });

  it('the cover is reported before the paper (close the cover first)', () => {
    const s = parseStatus(withBits({ offlineCause: 0x12 | 0x04 | 0x20, paperSensor: 0x72 }));
    expect(s.error?.code).toBe('PRINTER_COVER_OPEN');
    expect(s.paper).toBe('out');
  });

  it('the simulator encoding parses back to the state it came from', () => {
    const state = fc.record<SimulatedPrinterState>({
      paperOut: fc.boolean(), nearEnd: fc.boolean(), coverOpen: fc.boolean(), offline: fc.boolean(),
      cutterError: fc.boolean(), unrecoverableError: fc.boolean(),
    });
    fc.assert(fc.property(state, (s) => {
      const answers = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;
      const bytes = Object.fromEntries(Object.entries(answers).map(([k, q]) => [k, encodeStatusAnswer(q, s)])) as unknown as StatusAnswers;
      for (const b of Object.values(bytes)) expect(isStatusAnswer(b)).toBe(true);
      const parsed = parseStatus(bytes);
      expect(parsed.coverOpen).toBe(s.coverOpen);
      expect(parsed.cutterError).toBe(s.cutterError);
      expect(parsed.paper).toBe(s.paperOut ? 'out' : s.nearEnd ? 'nearEnd' : 'ok');
      expect(parsed.ok).toBe(!(s.paperOut || s.coverOpen || s.offline || s.cutterError || s.unrecoverableError));
    }));
  });
});
