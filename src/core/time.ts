/**
 * Calendar helpers for the closed loop. Deadlines are civil dates ('YYYY-MM-DD') in the programme's time zone,
 * instants are `Date`s; everything here is pure and never reads the clock.
 */

/** Default zone: the cities we serve keep one wall clock, and a deadline means "by the end of that day there". */
export const DEFAULT_TZ = 'Asia/Shanghai';

/** A civil date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (rejects 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Parses a civil date into its parts; throws RangeError on anything that is not a real date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

/** Formats civil date parts as 'YYYY-MM-DD'. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a month (1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A bounded memo for pure functions of a string: the health rules and sweeps ask about the same few dates again and again. */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}

// Civil dates are handled as UTC midnights so that day arithmetic never meets a DST gap.
const civilToUtcMs = memo(20_000, (date: IsoDate): number => {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day);
});

function utcMsToCivil(ms: number): IsoDate {
  const d = new Date(ms);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Adds (or with a negative `days`, subtracts) whole calendar days to a civil date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return utcMsToCivil(civilToUtcMs(date) + days * MS_PER_DAY);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((civilToUtcMs(to) - civilToUtcMs(from)) / MS_PER_DAY);
}

// Building a DateTimeFormat costs far more than using one; sweeps call this for every task.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockExact(instant: Date, tz: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at a whole second, in milliseconds (exact: zones' offsets are whole seconds). */
function offsetAtMs(ms: number, tz: string): number {
  const w = wallClockExact(new Date(ms), tz);
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime() - ms;
}

// formatToParts costs tens of microseconds, and the health rules read a few dates per task for thousands of tasks.
// Offsets change a few times a year at most, so each hour's offset is looked up once — unless it changes within
// that hour, which is then always read exactly.
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<string, number | null>();

function wallClock(instant: Date, tz: string): WallClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${tz}|${hour}`;
  let offset = offsetByHour.get(key);
  if (offset === undefined) {
    const first = offsetAtMs(hour * HOUR_MS, tz);
    offset = first === offsetAtMs(hour * HOUR_MS + HOUR_MS - 1000, tz) ? first : null;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(key, offset);
  }
  if (offset === null) return wallClockExact(instant, tz);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Offset of `tz` from UTC at `instant`, in minutes (Asia/Shanghai: +480). */
export function tzOffsetMinutes(instant: Date, tz: string = DEFAULT_TZ): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/** The civil date an instant falls on in `tz`. */
export function toLocalDate(instant: Date, tz: string = DEFAULT_TZ): IsoDate {
  const w = wallClock(instant, tz);
  return formatIsoDate(w.year, w.month, w.day);
}

/** An instant or a civil date, read as a civil date in `tz` (civil dates pass through, validated). */
export function asLocalDate(value: Date | IsoDate, tz: string = DEFAULT_TZ): IsoDate {
  if (value instanceof Date) return toLocalDate(value, tz);
  parseIsoDate(value);
  return value;
}

/**
 * The instant a civil date begins in `tz`. Exact for every zone whose DST changes do not fall at midnight (all of
 * China since 1991); where midnight is skipped we settle on the offset in force just after the guess.
 */
export function startOfLocalDay(date: IsoDate, tz: string = DEFAULT_TZ): Date {
  return new Date(startOfLocalDayMs(`${tz}|${date}`));
}

const startOfLocalDayMs = memo(20_000, (key: string): number => {
  const bar = key.lastIndexOf('|');
  const tz = key.slice(0, bar);
  const guess = civilToUtcMs(key.slice(bar + 1));
  const first = guess - tzOffsetMinutes(new Date(guess), tz) * 60_000;
  return guess - tzOffsetMinutes(new Date(first), tz) * 60_000;
});

/** The instant a civil date ends in `tz`, exclusive: the start of the next day. "Due 06-30" means before this. */
export function endOfLocalDay(date: IsoDate, tz: string = DEFAULT_TZ): Date {
  return startOfLocalDay(addDays(date, 1), tz);
}

/** Calendar-day difference `to - from` as seen on the wall clock in `tz` (23:59 → 00:01 next day is 1). */
export function calendarDaysBetween(from: Date | IsoDate, to: Date | IsoDate, tz: string = DEFAULT_TZ): number {
  return daysBetween(asLocalDate(from, tz), asLocalDate(to, tz));
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
  const wd = new Date(civilToUtcMs(date)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The Monday that starts the ISO week containing `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO-8601 week key, e.g. '2024-W05'; the week-year can differ from the calendar year around New Year. */
export function weekKey(date: IsoDate): string {
  // The ISO week belongs to the year that holds its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(formatIsoDate(year, 1, 1), thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Month key, e.g. '2024-03'. */
export function monthKey(date: IsoDate): string {
  parseIsoDate(date);
  return date.slice(0, 7);
}

/** Quarter key, e.g. '2024-Q1'. */
export function quarterKey(date: IsoDate): string {
  const { year, month } = parseIsoDate(date);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Which calendar period a key names. */
export type PeriodKind = 'week' | 'month' | 'quarter';

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;

/** First and last civil day of a period key ('2024-W05', '2024-03', '2024-Q1'); null for anything else. */
export function periodKeyBounds(key: string): { kind: PeriodKind; start: IsoDate; end: IsoDate } | null {
  let m = WEEK_KEY.exec(key);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    // Week 1 is the week holding 4 January.
    const week1Monday = startOfIsoWeek(formatIsoDate(year, 1, 4));
    const start = addDays(week1Monday, (week - 1) * 7);
    if (week < 1 || weekKey(start) !== key) return null;
    return { kind: 'week', start, end: addDays(start, 6) };
  }
  m = MONTH_KEY.exec(key);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { kind: 'month', start: formatIsoDate(year, month, 1), end: formatIsoDate(year, month, daysInMonth(year, month)) };
  }
  m = QUARTER_KEY.exec(key);
  if (m) {
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return {
      kind: 'quarter',
      start: formatIsoDate(year, first, 1),
      end: formatIsoDate(year, first + 2, daysInMonth(year, first + 2)),
    };
  }
  return null;
}
