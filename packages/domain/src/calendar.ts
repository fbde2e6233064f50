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

/** Per calendar: which years it knows, and the listed days by day number (true = working). */
interface CalendarIndex { years: Set<number>; listed: Map<number, boolean> }
const indexCache = new WeakMap<HolidayCalendar, CalendarIndex>();

function indexOf(calendar: HolidayCalendar): CalendarIndex {
  let index = indexCache.get(calendar);
  if (!index) {
    const listed = new Map<number, boolean>();
    for (const data of Object.values(calendar)) {
      for (const d of data.off) listed.set(toDays(d), false);
      for (const d of data.work) listed.set(toDays(d), true);
    }
    index = { years: new Set(Object.keys(calendar).map(Number)), listed };
    indexCache.set(calendar, index);
  }
  return index;
}

const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/** Day numbers count from 1970-01-01, a Thursday. */
function dayInfoByNumber(day: number, index: CalendarIndex): DayInfo {
  const listed = index.listed.get(day);
  if (listed !== undefined) return { working: listed, known: true };
  const weekday = (((day + 4) % 7) + 7) % 7;
  return { working: weekday !== 0 && weekday !== 6, known: index.years.has(yearOfDay(day)) };
}

function dayInfo(date: string, calendar: HolidayCalendar): DayInfo {
  return dayInfoByNumber(toDays(date), indexOf(calendar));
}

export function isWorkingDay(date: string, calendar: HolidayCalendar = chinaCalendar): boolean {
  return dayInfo(date, calendar).working;
}

/** Whether the calendar has data for the year of `date` (else weekends only are assumed). */
export function calendarKnows(date: string, calendar: HolidayCalendar = chinaCalendar): boolean {
  return indexOf(calendar).years.has(Number(date.slice(0, 4)));
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
  const index = indexOf(calendar);
  const visit = (d: number): boolean => {
    const info = dayInfoByNumber(d, index);
    if (!info.known) unknown.add(yearOfDay(d));
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
  const index = indexOf(calendar);
  for (let day = lo + 1; day <= hi; day++) {
    const info = dayInfoByNumber(day, index);
    if (!info.known) unknown.add(yearOfDay(day));
    if (info.working) count += 1;
  }
  return { value: sign * count + 0, approximate: unknown.size > 0, unknownYears: [...unknown].sort() };
}
