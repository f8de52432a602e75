/** Dates and numbers for a locale through Intl. Dates-only values (YYYY-MM-DD) are calendar days, not instants. */
import { INTL_TAGS, type Locale } from './locale.ts';

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface Formatters {
  formatDate(value: string | Date | null | undefined): string;
  formatDateTime(value: string | Date | null | undefined): string;
  formatNumber(value: number | null | undefined): string;
}

export function formatters(locale: Locale): Formatters {
  const tag = INTL_TAGS[locale];
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  // A calendar day is formatted in UTC so it never shifts to the day before in a time zone west of Greenwich.
  const calendarDay = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(tag);
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    formatDate(value) {
      if (value === null || value === undefined || value === '') return '';
      if (typeof value === 'string' && DAY_ONLY.test(value)) return calendarDay.format(new Date(`${value}T00:00:00Z`));
      const d = toDate(value);
      return Number.isNaN(d.getTime()) ? String(value) : day.format(d);
    },
    formatDateTime(value) {
      if (value === null || value === undefined || value === '') return '';
      const d = toDate(value);
      return Number.isNaN(d.getTime()) ? String(value) : dateTime.format(d);
    },
    formatNumber(value) {
      return value === null || value === undefined ? '' : number.format(value);
    },
  };
}
