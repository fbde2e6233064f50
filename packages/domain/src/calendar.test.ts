import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, chinaCalendar, chinaDateOf, isWorkingDay, workingDaysBetween, type HolidayCalendar } from './calendar';

describe('working days with 调休', () => {
  it('knows holidays and make-up working weekends of 2026', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day, Thursday
    expect(isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
    expect(isWorkingDay('2026-02-14')).toBe(true); // make-up Saturday before Spring Festival
    expect(isWorkingDay('2026-11-27')).toBe(true); // an ordinary Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('adds working days across the National Day week', () => {
    // Wed 2026-09-30 + 1 working day skips 10-01..10-07 (holiday) and lands on Thu 10-08.
    expect(addWorkingDays('2026-09-30', 1)).toEqual({ value: '2026-10-08', approximate: false, unknownYears: [] });
    // Fri 10-09, then the make-up Saturday 10-10 counts.
    expect(addWorkingDays('2026-10-08', 2).value).toBe('2026-10-10');
    expect(addWorkingDays('2026-03-02', 0).value).toBe('2026-03-02');
    expect(addWorkingDays('2026-03-09', -5).value).toBe('2026-03-02');
    expect(addWorkingDays('2026-02-15', -1).value).toBe('2026-02-13'); // 02-14 is a make-up working Saturday
  });

  it('warns when a year is not in the calendar and falls back to weekends only', () => {
    const result = addWorkingDays('2030-12-31', 1);
    expect(result).toEqual({ value: '2031-01-01', approximate: true, unknownYears: [2031] });
    expect(workingDaysBetween('2026-12-30', '2027-01-05').approximate).toBe(true);
  });

  it('uses a calendar passed in as data', () => {
    const custom: HolidayCalendar = { 2026: { source: 'test', off: ['2026-03-03'], work: ['2026-03-07'] } };
    expect(isWorkingDay('2026-03-03', custom)).toBe(false);
    expect(isWorkingDay('2026-03-07', custom)).toBe(true);
    expect(Object.keys(chinaCalendar).sort()).toEqual(['2025', '2026']);
  });

  it('takes the China date of a timestamp', () => {
    expect(chinaDateOf('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-02T09:00:00+08:00')).toBe('2026-03-02');
  });

  const date = fc.date({ min: new Date(Date.UTC(2024, 6, 1)), max: new Date(Date.UTC(2027, 5, 1)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('property: workingDaysBetween(a, addWorkingDays(a, n)) = n and the result is a working day', () => {
    fc.assert(fc.property(date, fc.integer({ min: -200, max: 200 }), (start, n) => {
      const end = addWorkingDays(start, n).value;
      expect(workingDaysBetween(start, end).value).toBe(n);
      if (n > 0) expect(isWorkingDay(end)).toBe(true);
    }));
  });

  it('property: workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(fc.property(date, date, date, (a, b, c) => {
      expect(workingDaysBetween(a, b).value + workingDaysBetween(b, a).value).toBe(0);
      expect(workingDaysBetween(a, b).value + workingDaysBetween(b, c).value).toBe(workingDaysBetween(a, c).value);
    }), { numRuns: 50 });
  });
});
