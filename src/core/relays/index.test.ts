import { describe, expect, it } from 'vitest';
import { defaultRelayDeadline, recordedOnTime, relayRemindersDue } from './index.ts';

describe('relay rules', () => {
  it('defaults the deadline to 15 days after the document date, else after the opening day', () => {
    expect(defaultRelayDeadline('2024-03-01', '2024-03-10')).toBe('2024-03-16');
    expect(defaultRelayDeadline(null, '2024-03-10')).toBe('2024-03-25');
  });

  it.each([
    // [local day of the sweep (Asia/Shanghai 10:00), deadline, expected rules]
    ['2024-03-10', '2024-03-16', []],
    ['2024-03-13', '2024-03-16', ['relay_due_soon_3d']],
    ['2024-03-16', '2024-03-16', ['relay_due_soon_3d']],
    ['2024-03-17', '2024-03-16', ['relay_overdue_1d']],
    ['2024-03-22', '2024-03-16', ['relay_overdue_1d']],
    ['2024-03-23', '2024-03-16', ['relay_overdue_7d']],
    ['2024-05-01', '2024-03-16', ['relay_overdue_7d']],
  ])('on %s with deadline %s sends %j', (day, deadline, rules) => {
    const now = new Date(`${day}T02:00:00.000Z`);
    expect(relayRemindersDue(deadline, now).map((r) => r.rule)).toEqual(rules);
  });

  it('counts the local day: 23:30 in Shanghai on the deadline is on time, 00:30 the next day is late', () => {
    expect(recordedOnTime(new Date('2024-03-16T15:30:00.000Z'), '2024-03-16')).toBe(true);
    expect(recordedOnTime(new Date('2024-03-16T16:30:00.000Z'), '2024-03-16')).toBe(false);
  });
});
