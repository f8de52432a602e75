/** A task snapshot and the notices it raises on a given day, shared by the notice tests (core and server). */
import { startOfLocalDay } from '../time.ts';
import { dueNotices, type Notice, type ReminderTaskSnapshot } from './reminder-rules.ts';

export const fixtureSnapshot: ReminderTaskSnapshot = {
  id: 't1',
  title: '推进老旧小区改造',
  state: 'in_progress',
  dueDate: '2024-06-30',
  milestones: [{ id: 'm1', title: '完成方案编制', dueDate: '2024-06-12', done: false }],
  cadence: { kind: 'monthly' },
  reportingSince: '2024-03-01',
  reports: [],
  leadUnitId: 'lead',
  coUnitIds: [],
  supervisorIds: ['sup1'],
};

/** The notice of `rule` that the fixture task raises at 10:00 local time on `day`. */
export function fixtureNotice(rule: string, day: string): Notice {
  const n = dueNotices(fixtureSnapshot, new Date(startOfLocalDay(day).getTime() + 10 * 3_600_000)).find((x) => x.rule === rule);
  if (!n) throw new Error(`no ${rule} on ${day}`);
  return n;
}
