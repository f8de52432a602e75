/**
 * 传达学习 (relay and study), pure rules: the meeting types a unit may record, the default deadline, and which
 * reminders about a missing record are due on a day. No I/O.
 */
import { addDays, daysBetween, toLocalDate, DEFAULT_TZ, type IsoDate } from '../time.ts';

/** 党组会, 理论学习中心组, 专题会, 支部会, other (named in `meetingTypeOther`). */
export const MEETING_TYPES = ['party_group', 'theory_group', 'special', 'branch', 'other'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** A record is `submitted`, or `returned` to its unit with a reason (then amended and submitted again). */
export const RELAY_STATES = ['submitted', 'returned'] as const;
export type RelayState = (typeof RELAY_STATES)[number];

/** Days after a document's issue within which its units should have relayed it, unless the supervisor sets a date. */
export const DEFAULT_RELAY_DAYS = 15;

/** The default deadline: 15 days after the document's date (or, undated, after the day the campaign opens). */
export function defaultRelayDeadline(docDate: IsoDate | null, openedOn: IsoDate): IsoDate {
  return addDays(docDate ?? openedOn, DEFAULT_RELAY_DAYS);
}

/** Reminders before the deadline (days before) and after it (days after: first a reminder, later an escalation). */
export const RELAY_REMIND_DAYS_BEFORE = [3] as const;
export const RELAY_OVERDUE_DAYS_AFTER = [1, 7] as const;

export interface RelayReminder {
  /** `relay_due_soon_3d`, `relay_overdue_1d`, `relay_overdue_7d`. */
  rule: string;
  /** Days left (positive) or overdue (negative) on the day of the reminder. */
  daysLeft: number;
}

/**
 * The reminders due today for a unit that has not recorded yet: the latest threshold already reached, so a sweep
 * that was down for days sends one reminder, not a burst. Deduplicated by the caller on (campaign, unit, rule).
 */
export function relayRemindersDue(deadline: IsoDate, now: Date, tz: string = DEFAULT_TZ): RelayReminder[] {
  const today = toLocalDate(now, tz);
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft < 0) {
    const overdue = -daysLeft;
    const reached = [...RELAY_OVERDUE_DAYS_AFTER].filter((d) => overdue >= d);
    const last = reached[reached.length - 1];
    return last === undefined ? [] : [{ rule: `relay_overdue_${last}d`, daysLeft }];
  }
  const soon = [...RELAY_REMIND_DAYS_BEFORE].filter((d) => daysLeft <= d).sort((a, b) => a - b)[0];
  return soon === undefined ? [] : [{ rule: `relay_due_soon_${soon}d`, daysLeft }];
}

/** Whether a record made at `recordedAt` was on time for the deadline (the deadline day counts). */
export function recordedOnTime(recordedAt: Date, deadline: IsoDate, tz: string = DEFAULT_TZ): boolean {
  return toLocalDate(recordedAt, tz) <= deadline;
}
