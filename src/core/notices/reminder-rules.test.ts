import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_STATES } from '../tasks/lifecycle.ts';
import { startOfLocalDay } from '../time.ts';
import {
  defaultReminderConfig,
  dueNotices,
  noticeDedupeKey,
  reminderConfigProblems,
  type Notice,
  type ReminderTaskSnapshot,
} from './reminder-rules.ts';

function task(over: Partial<ReminderTaskSnapshot> = {}): ReminderTaskSnapshot {
  return {
    id: 't1',
    title: '推进老旧小区改造',
    state: 'in_progress',
    dueDate: '2024-06-30',
    milestones: [],
    cadence: null,
    reportingSince: null,
    reports: [],
    leadUnitId: 'lead',
    coUnitIds: [],
    supervisorIds: ['sup1'],
    ...over,
  };
}

/** 10:00 Shanghai on a civil date. */
const at = (date: string, hh = 10) => new Date(startOfLocalDay(date).getTime() + hh * 3_600_000);
const rules = (ns: Notice[]) => ns.map((n) => n.rule);

describe('deadline ladder', () => {
  it.each<[string, string[]]>([
    ['2024-06-20', []],
    ['2024-06-22', []],
    ['2024-06-23', ['due_soon_7d']],
    ['2024-06-26', ['due_soon_7d']], // catch-up: still the latest rung reached
    ['2024-06-27', ['due_soon_3d']],
    ['2024-06-28', ['due_soon_3d']], // a first sweep two days out sends the 3-day reminder only
    ['2024-06-29', ['due_soon_1d']],
    ['2024-06-30', ['due_soon_1d']], // due today: the 1-day reminder, caught up if missed
    ['2024-07-01', ['overdue']],
    ['2024-07-02', ['overdue']],
    ['2024-07-03', ['overdue', 'escalate_overdue']],
    ['2024-08-30', ['overdue', 'escalate_overdue']],
  ])('on %s', (day, expected) => {
    expect(rules(dueNotices(task(), at(day)))).toEqual(expected);
  });

  it('turns on at local midnight, not UTC midnight', () => {
    const justBefore = new Date(startOfLocalDay('2024-06-23').getTime() - 1);
    expect(dueNotices(task(), justBefore)).toEqual([]);
    const [n] = dueNotices(task(), startOfLocalDay('2024-06-23'));
    expect(n?.rule).toBe('due_soon_7d');
    expect(n?.triggerAt.toISOString()).toBe('2024-06-22T16:00:00.000Z');
  });

  it('describes each notice fully', () => {
    const ns = dueNotices(task(), at('2024-07-04'));
    expect(ns).toEqual([
      {
        taskId: 't1',
        taskTitle: '推进老旧小区改造',
        rule: 'overdue',
        kind: 'remind',
        audience: ['lead_unit'],
        period: '2024-06-30',
        unitId: 'lead',
        milestoneId: null,
        supervisorIds: ['sup1'],
        triggerAt: new Date('2024-06-30T16:00:00.000Z'),
        params: { dueDate: '2024-06-30', overdueDays: 4 },
        dedupeKey: 't1|overdue|2024-06-30',
      },
      {
        taskId: 't1',
        taskTitle: '推进老旧小区改造',
        rule: 'escalate_overdue',
        kind: 'escalate',
        audience: ['unit_head', 'supervisor'],
        period: '2024-06-30',
        unitId: 'lead',
        milestoneId: null,
        supervisorIds: ['sup1'],
        triggerAt: new Date('2024-07-02T16:00:00.000Z'),
        params: { dueDate: '2024-06-30', overdueDays: 4, thresholdDays: 3 },
        dedupeKey: 't1|escalate_overdue|2024-06-30',
      },
    ]);
  });

  it('honours the configuration', () => {
    const config = { ...defaultReminderConfig, remindDaysBefore: [0, 14], escalateAfterOverdueDays: 1 };
    expect(rules(dueNotices(task(), at('2024-06-17'), config))).toEqual(['due_soon_14d']);
    expect(rules(dueNotices(task(), at('2024-06-30'), config))).toEqual(['due_soon_0d']);
    expect(rules(dueNotices(task(), at('2024-07-01'), config))).toEqual(['overdue', 'escalate_overdue']);
    expect(rules(dueNotices(task(), at('2024-06-29'), { ...config, remindDaysBefore: [] }))).toEqual([]);
  });

  it('re-arms after an extension: the new due date is a new period', () => {
    const before = dueNotices(task(), at('2024-06-29'));
    const after = dueNotices(task({ dueDate: '2024-07-31' }), at('2024-07-29'));
    expect(before[0]?.dedupeKey).toBe('t1|due_soon_1d|2024-06-30');
    expect(after[0]?.dedupeKey).toBe('t1|due_soon_3d|2024-07-31');
  });

  it('has nothing to say about a task without a deadline', () => {
    expect(dueNotices(task({ dueDate: null }), at('2024-07-04'))).toEqual([]);
  });
});

describe('which tasks are chased', () => {
  const chased = new Set(['assigned', 'signed', 'in_progress']);
  it.each(TASK_STATES.map((s) => [s]))('%s', (state) => {
    const ns = dueNotices(task({ state, milestones: [{ id: 'm1', title: '方案', dueDate: '2024-07-01', done: false }] }), at('2024-07-04'));
    expect(ns.length > 0).toBe(chased.has(state));
  });
});

describe('milestones', () => {
  const m = (id: string, dueDate: string, done = false) => ({ id, title: `节点${id}`, dueDate, done });
  it('reminds per milestone and keys on the milestone', () => {
    const ns = dueNotices(task({ dueDate: null, milestones: [m('a', '2024-06-12'), m('b', '2024-06-12'), m('c', '2024-06-02', true)] }), at('2024-06-10'));
    expect(ns.map((n) => n.dedupeKey)).toEqual(['t1|milestone_due_soon_3d|2024-06-12|a', 't1|milestone_due_soon_3d|2024-06-12|b']);
    expect(ns[0]?.params).toEqual({ dueDate: '2024-06-12', milestoneTitle: '节点a', daysLeft: 2, thresholdDays: 3 });
  });

  it('reminds once a milestone is missed', () => {
    const ns = dueNotices(task({ dueDate: null, milestones: [m('a', '2024-06-12')] }), at('2024-06-20'));
    expect(ns.map((n) => [n.rule, n.milestoneId, n.params.overdueDays])).toEqual([['milestone_overdue', 'a', 8]]);
  });
});

describe('missing reports', () => {
  const monthly = task({
    dueDate: '2024-12-31',
    cadence: { kind: 'monthly' },
    reportingSince: '2024-03-10',
    coUnitIds: ['co1', 'co2'],
  });

  it('chases every unit that filed nothing for the latest period past its deadline', () => {
    const reports = [
      { unitId: 'lead', periodKey: '2024-04', state: 'accepted' as const },
      { unitId: 'co1', periodKey: '2024-04', state: 'returned' as const },
      { unitId: 'co2', periodKey: '2024-04', state: 'draft' as const },
    ];
    // April's reports are due by the end of 5 May (grace 5 days).
    const ns = dueNotices({ ...monthly, reports }, startOfLocalDay('2024-05-06'));
    expect(ns.map((n) => [n.rule, n.unitId, n.audience, n.period, n.dedupeKey])).toEqual([
      ['report_missing', 'co2', ['co_unit'], '2024-04', 't1|report_missing|2024-04|co2'],
    ]);
  });

  it('waits until the deadline has passed, plus the configured grace', () => {
    const justBefore = new Date(startOfLocalDay('2024-05-06').getTime() - 1);
    expect(dueNotices(monthly, justBefore).map((n) => n.period)).toEqual(['2024-03', '2024-03', '2024-03']);
    const graced = { ...defaultReminderConfig, missingReportGraceDays: 2 };
    expect(dueNotices(monthly, at('2024-05-07'), graced).map((n) => n.period)).toEqual(['2024-03', '2024-03', '2024-03']);
    expect(dueNotices(monthly, at('2024-05-08'), graced).map((n) => n.period)).toEqual(['2024-04', '2024-04', '2024-04']);
  });

  it('does not dig up older gaps after downtime', () => {
    const ns = dueNotices(monthly, at('2024-09-10'));
    expect(new Set(ns.map((n) => n.period))).toEqual(new Set(['2024-08']));
  });

  it('owes nothing before the first period closes, and nothing once work is handed back', () => {
    expect(dueNotices(monthly, at('2024-04-05'))).toEqual([]);
    expect(dueNotices({ ...monthly, state: 'completion_requested' }, at('2024-09-10'))).toEqual([]);
    expect(dueNotices({ ...monthly, state: 'assigned' }, at('2024-09-10'))).toEqual([]);
    expect(dueNotices({ ...monthly, reportingSince: null }, at('2024-09-10'))).toEqual([]);
  });
});

describe('exactly once across sweeps', () => {
  const t = task({
    milestones: [{ id: 'm', title: '节点', dueDate: '2024-06-15', done: false }],
    cadence: { kind: 'weekly' },
    reportingSince: '2024-05-01',
    coUnitIds: ['co'],
  });

  it('produces the same keys from two instances sweeping at the same instant', () => {
    const now = at('2024-06-29');
    expect(dueNotices(t, now)).toEqual(dueNotices(t, now));
  });

  it('never produces a notice before its trigger, and keys never change', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * 24 }), { minLength: 1, maxLength: 20 }), (hours) => {
        const seen = new Map<string, string>();
        for (const h of [...hours].sort((a, b) => a - b)) {
          const now = new Date(at('2024-05-01', 0).getTime() + h * 3_600_000);
          const ns = dueNotices(t, now);
          const ladder = ns.filter((n) => n.rule.startsWith('due_soon_'));
          expect(ladder.length).toBeLessThanOrEqual(1);
          for (const n of ns) {
            expect(n.triggerAt.getTime()).toBeLessThanOrEqual(now.getTime());
            const fingerprint = `${n.rule}|${n.period}|${n.triggerAt.toISOString()}`;
            expect(seen.get(n.dedupeKey) ?? fingerprint).toBe(fingerprint);
            seen.set(n.dedupeKey, fingerprint);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('sends the whole ladder to a task swept daily', () => {
    const keys = new Set<string>();
    for (let d = 0; d < 40; d++) {
      const now = new Date(at('2024-06-01').getTime() + d * 86_400_000);
      for (const n of dueNotices(task(), now)) keys.add(n.rule);
    }
    expect([...keys]).toEqual(['due_soon_7d', 'due_soon_3d', 'due_soon_1d', 'overdue', 'escalate_overdue']);
  });
});

describe('keys and configuration', () => {
  it('encodes key parts so ids cannot forge a separator', () => {
    expect(noticeDedupeKey('a|b', 'overdue', '2024-06-30')).toBe('a%7Cb|overdue|2024-06-30');
    expect(noticeDedupeKey('a', 'report_missing', '2024-W05', 'u|1')).toBe('a|report_missing|2024-W05|u%7C1');
  });

  it.each<[string, Partial<typeof defaultReminderConfig>, number]>([
    ['defaults', {}, 0],
    ['negative rung', { remindDaysBefore: [7, -1] }, 1],
    ['fractional rung', { milestoneRemindDaysBefore: [1.5] }, 1],
    ['escalate at 0', { escalateAfterOverdueDays: 0 }, 1],
    ['negative grace', { missingReportGraceDays: -1 }, 1],
  ])('checks %s', (_name, over, count) => {
    expect(reminderConfigProblems({ ...defaultReminderConfig, ...over })).toHaveLength(count);
  });
});
