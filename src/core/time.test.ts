import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDaysBetween,
  daysBetween,
  endOfLocalDay,
  isIsoDate,
  isoWeekday,
  monthKey,
  parseIsoDate,
  periodKeyBounds,
  quarterKey,
  startOfIsoWeek,
  startOfLocalDay,
  toLocalDate,
  tzOffsetMinutes,
  weekKey,
} from './time.ts';

describe('civil dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-04-31', false],
    ['2024-4-01', false],
    ['2024-04-01T00:00', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });

  it('refuses to parse nonsense', () => {
    expect(() => parseIsoDate('2024-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2024-06-30', 0, '2024-06-30'],
  ])('addDays(%s, %i) = %s', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
  });

  it('rejects fractional day counts', () => {
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('daysBetween is the inverse of addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -5000, max: 5000 }), (offset, n) => {
        const d = addDays('1970-01-01', offset);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('time zones', () => {
  it('knows Shanghai is UTC+8 all year', () => {
    expect(tzOffsetMinutes(new Date('2024-01-15T00:00:00Z'))).toBe(480);
    expect(tzOffsetMinutes(new Date('2024-07-15T00:00:00Z'))).toBe(480);
  });

  it('reads the civil date on the Shanghai wall clock', () => {
    expect(toLocalDate(new Date('2024-06-30T15:59:59Z'))).toBe('2024-06-30');
    expect(toLocalDate(new Date('2024-06-30T16:00:00Z'))).toBe('2024-07-01');
    expect(toLocalDate(new Date('2024-06-30T16:00:00Z'), 'UTC')).toBe('2024-06-30');
  });

  it('finds local midnight', () => {
    expect(startOfLocalDay('2024-07-01').toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(endOfLocalDay('2024-06-30').toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(startOfLocalDay('2024-07-01', 'UTC').toISOString()).toBe('2024-07-01T00:00:00.000Z');
  });

  it('handles a zone with daylight saving time', () => {
    // New York springs forward at 02:00 on 2024-03-10; midnight exists on both sides.
    expect(startOfLocalDay('2024-03-10', 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfLocalDay('2024-03-11', 'America/New_York').toISOString()).toBe('2024-03-11T04:00:00.000Z');
    expect(calendarDaysBetween('2024-03-09', new Date('2024-03-11T03:59:00Z'), 'America/New_York')).toBe(1);
  });

  it('counts calendar days, not 24-hour spans', () => {
    const before = new Date('2024-06-30T15:59:00Z'); // 23:59 Shanghai
    const after = new Date('2024-06-30T16:01:00Z'); // 00:01 next day
    expect(calendarDaysBetween(before, after)).toBe(1);
    expect(calendarDaysBetween(before, after, 'UTC')).toBe(0);
    expect(calendarDaysBetween('2024-06-30', after)).toBe(1);
  });

  it('refuses an invalid Date', () => {
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('period keys', () => {
  it.each([
    ['2024-01-01', '2024-W01'], // a Monday
    ['2024-02-01', '2024-W05'],
    ['2021-01-03', '2020-W53'], // Sunday belongs to the previous ISO year
    ['2024-12-30', '2025-W01'], // Monday of the first week of 2025
    ['2026-12-31', '2026-W53'],
  ])('weekKey(%s) = %s', (d, key) => {
    expect(weekKey(d)).toBe(key);
  });

  it.each([
    ['2024-03-15', '2024-03', '2024-Q1'],
    ['2024-04-01', '2024-04', '2024-Q2'],
    ['2024-09-30', '2024-09', '2024-Q3'],
    ['2024-12-31', '2024-12', '2024-Q4'],
  ])('%s is in %s and %s', (d, m, q) => {
    expect(monthKey(d)).toBe(m);
    expect(quarterKey(d)).toBe(q);
  });

  it('starts weeks on Monday', () => {
    expect(isoWeekday('2024-06-30')).toBe(7);
    expect(startOfIsoWeek('2024-06-30')).toBe('2024-06-24');
    expect(startOfIsoWeek('2024-06-24')).toBe('2024-06-24');
  });

  it.each([
    ['2024-W05', 'week', '2024-01-29', '2024-02-04'],
    ['2020-W53', 'week', '2020-12-28', '2021-01-03'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2024-Q4', 'quarter', '2024-10-01', '2024-12-31'],
  ])('periodKeyBounds(%s)', (key, kind, start, end) => {
    expect(periodKeyBounds(key)).toEqual({ kind, start, end });
  });

  it.each(['2024-W54', '2024-W00', '2023-W53', '2024-13', '2024-Q5', '2024-06-30', 'W05'])('rejects %s', (key) => {
    expect(periodKeyBounds(key)).toBeNull();
  });

  it('round-trips every day through its week, month and quarter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (offset) => {
        const d = addDays('1990-01-01', offset);
        for (const key of [weekKey(d), monthKey(d), quarterKey(d)]) {
          const b = periodKeyBounds(key);
          if (!b) throw new Error(`no bounds for ${key}`);
          expect(b.start <= d && d <= b.end).toBe(true);
        }
      }),
    );
  });
});

describe('wall-clock reading with the per-hour offset cache', () => {
  // The reference: Intl read directly for every instant, no cache.
  const reference = (instant: Date, tz: string) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };

  it.each([
    ['America/New_York', '2024-03-10T00:00:00Z'],
    ['America/New_York', '2024-11-03T00:00:00Z'],
    ['Australia/Lord_Howe', '2024-04-06T12:00:00Z'],
    ['Asia/Kathmandu', '2024-01-01T00:00:00Z'],
    ['Asia/Shanghai', '1991-09-14T12:00:00Z'],
  ])('agrees with Intl in %s every 7 minutes around %s', (tz, around) => {
    const start = Date.parse(around) - 36 * 3_600_000;
    for (let ms = start; ms < start + 72 * 3_600_000; ms += 7 * 60_000 + 13_000) {
      expect(toLocalDate(new Date(ms), tz)).toBe(reference(new Date(ms), tz));
    }
  });
});
