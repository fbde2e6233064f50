import { z } from 'zod';
import holidaysCn from '../data/holidays-cn.json';

/** A calendar date `YYYY-MM-DD` (no time zone: a day in China Standard Time). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDate, { message: 'not a real date / 日期无效' });
export type IsoDate = z.infer<typeof IsoDate>;

const DateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(80);
export const CalendarYear = z.object({ source: z.string().max(200), off: DateList, work: DateList });
export type CalendarYear = z.infer<typeof CalendarYear>;

/** Per-year holiday data: `off` working days that are holidays, `work` weekend days that are working days (调休). */
export const HolidayCalendar = z.record(z.string().regex(/^\d{4}$/), CalendarYear);
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

/** The State Council's notices shipped with the package (data/holidays-cn.json). */
export const chinaCalendar: HolidayCalendar = HolidayCalendar.parse(
  Object.fromEntries(Object.entries(holidaysCn).filter(([key]) => /^\d{4}$/.test(key))),
);

const DAY_MS = 86_400_000;

function toDays(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return fromDays(toDays(date)) === date;
}

/** The China Standard Time (UTC+8) date of an ISO timestamp. */
export function chinaDateOf(isoTimestamp: string): string {
  const ms = Date.parse(isoTimestamp);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO timestamp: ${isoTimestamp.slice(0, 40)}`);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, n: number): string {
  return fromDays(toDays(date) + n);
}

interface DayInfo { working: boolean; known: boolean }

/** Lookup sets per year, built once per calendar object. */
const indexCache = new WeakMap<HolidayCalendar, Map<string, { off: Set<string>; work: Set<string> }>>();

function yearIndex(calendar: HolidayCalendar, year: string): { off: Set<string>; work: Set<string> } | undefined {
  let index = indexCache.get(calendar);
  if (!index) {
    index = new Map(Object.entries(calendar).map(([y, data]) => [y, { off: new Set(data.off), work: new Set(data.work) }]));
    indexCache.set(calendar, index);
  }
  return index.get(year);
}

function dayInfo(date: string, calendar: HolidayCalendar): DayInfo {
  const weekday = new Date(toDays(date) * DAY_MS).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const year = yearIndex(calendar, date.slice(0, 4));
  if (!year) return { working: !weekend, known: false };
  if (year.work.has(date)) return { working: true, known: true };
  if (year.off.has(date)) return { working: false, known: true };
  return { working: !weekend, known: true };
}

export function isWorkingDay(date: string, calendar: HolidayCalendar = chinaCalendar): boolean {
  return dayInfo(date, calendar).working;
}

/** Whether the calendar has data for the year of `date` (else weekends only are assumed). */
export function calendarKnows(date: string, calendar: HolidayCalendar = chinaCalendar): boolean {
  return yearIndex(calendar, date.slice(0, 4)) !== undefined;
}

export interface WorkingDaysResult<T> {
  value: T;
  /** True when a year on the way is not in the calendar: weekends only were assumed. */
  approximate: boolean;
  unknownYears: number[];
}

const MAX_SPAN_DAYS = 20 * 366;

/**
 * The date `n` working days after `start` (the start day itself is not counted;
 * n = 0 gives `start`): the deadline of a promise of n working days made on `start`.
 * Negative n gives the latest date d with workingDaysBetween(d, start) = -n.
 */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar = chinaCalendar): WorkingDaysResult<string> {
  if (!isRealDate(start)) throw new RangeError(`not a date: ${start.slice(0, 20)}`);
  if (!Number.isInteger(n) || Math.abs(n) > 5000) throw new RangeError(`working days out of range: ${n}`);
  const unknown = new Set<number>();
  const step = n < 0 ? -1 : 1;
  let day = toDays(start);
  let left = Math.abs(n);
  const visit = (d: number): boolean => {
    const info = dayInfo(fromDays(d), calendar);
    if (!info.known) unknown.add(Number(fromDays(d).slice(0, 4)));
    return info.working;
  };
  while (left > 0) {
    // Forwards: the next day counts. Backwards: the current day counts, so that
    // workingDaysBetween(result, start) = -n, as it counts (from, to].
    if (step === 1) day += 1;
    if (visit(day)) left -= 1;
    if (step === -1) day -= 1;
  }
  return { value: fromDays(day), approximate: unknown.size > 0, unknownYears: [...unknown].sort() };
}

/** Working days in (from, to]: so workingDaysBetween(a, addWorkingDays(a, n)) = n. Negative if to < from. */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar = chinaCalendar): WorkingDaysResult<number> {
  if (!isRealDate(from) || !isRealDate(to)) throw new RangeError('not a date');
  const a = toDays(from);
  const b = toDays(to);
  if (Math.abs(b - a) > MAX_SPAN_DAYS) throw new RangeError('span longer than 20 years');
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  const unknown = new Set<number>();
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) {
    const info = dayInfo(fromDays(day), calendar);
    if (!info.known) unknown.add(Number(fromDays(day).slice(0, 4)));
    if (info.working) count += 1;
  }
  return { value: sign * count + 0, approximate: unknown.size > 0, unknownYears: [...unknown].sort() };
}
