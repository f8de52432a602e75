/**
 * Which reminders (催办) and escalations (督办) are due at an instant. A sweep may run late, twice, or on several
 * instances at once: every notice carries a deterministic dedupe key, the server inserts under a unique constraint,
 * and whatever inserts first is sent, exactly once.
 */
import { expectedPeriods, type Cadence, type ReportState } from '../reports/report-lifecycle.ts';
import type { TaskState } from '../tasks/lifecycle.ts';
import { DEFAULT_TZ, addDays, daysBetween, endOfLocalDay, startOfLocalDay, toLocalDate, type IsoDate } from '../time.ts';

export type NoticeKind = 'remind' | 'escalate';
/** Who should read it; the server resolves these to people (the unit head is looked up from the unit). */
export type Audience = 'lead_unit' | 'co_unit' | 'unit_head' | 'supervisor';
export type NoticeRule =
  | `due_soon_${number}d`
  | 'overdue'
  | 'escalate_overdue'
  | `milestone_due_soon_${number}d`
  | 'milestone_overdue'
  | 'report_missing';

export interface ReminderConfig {
  /** Remind the lead unit this many calendar days before the due date. */
  remindDaysBefore: readonly number[];
  milestoneRemindDaysBefore: readonly number[];
  /** 督办 goes out on the day the task shows "N days overdue" (N ≥ 1). */
  escalateAfterOverdueDays: number;
  /** Extra days after a period's report deadline before a missing report is chased. */
  missingReportGraceDays: number;
  tz: string;
}

export const defaultReminderConfig: Readonly<ReminderConfig> = Object.freeze({
  remindDaysBefore: Object.freeze([7, 3, 1]),
  milestoneRemindDaysBefore: Object.freeze([3, 1]),
  escalateAfterOverdueDays: 3,
  missingReportGraceDays: 0,
  tz: DEFAULT_TZ,
});

/** What is wrong with a reminder configuration; empty when usable. */
export function reminderConfigProblems(c: ReminderConfig): string[] {
  const problems: string[] = [];
  const wholeDays = (n: number) => Number.isInteger(n) && n >= 0;
  for (const [name, list] of [
    ['remindDaysBefore', c.remindDaysBefore],
    ['milestoneRemindDaysBefore', c.milestoneRemindDaysBefore],
  ] as const) {
    if (!list.every(wholeDays)) problems.push(`${name} must hold whole days ≥ 0`);
  }
  if (!(Number.isInteger(c.escalateAfterOverdueDays) && c.escalateAfterOverdueDays >= 1)) {
    problems.push('escalateAfterOverdueDays must be a whole number ≥ 1');
  }
  if (!wholeDays(c.missingReportGraceDays)) problems.push('missingReportGraceDays must be whole days ≥ 0');
  return problems;
}

/** What the sweep needs to know about one task. */
export interface ReminderTaskSnapshot {
  id: string;
  title: string;
  state: TaskState;
  dueDate: IsoDate | null;
  milestones: ReadonlyArray<{ id: string; title: string; dueDate: IsoDate; done: boolean }>;
  cadence: Cadence | null;
  /** First day reports are owed (normally the signing date); null: none owed yet. */
  reportingSince: IsoDate | null;
  /** The latest report of each unit for each period. */
  reports: ReadonlyArray<{ unitId: string; periodKey: string; state: ReportState }>;
  leadUnitId: string;
  coUnitIds: readonly string[];
  supervisorIds: readonly string[];
}

export interface NoticeParams {
  dueDate?: IsoDate;
  daysLeft?: number;
  overdueDays?: number;
  thresholdDays?: number;
  periodKey?: string;
  milestoneTitle?: string;
}

/** One notice to insert and send. */
export interface Notice {
  taskId: string;
  taskTitle: string;
  rule: NoticeRule;
  kind: NoticeKind;
  audience: readonly Audience[];
  /** The date or reporting period the notice is about: a due date, a milestone date, or a period key. */
  period: string;
  /** The unit addressed (the lead unit, or the co-unit whose report is missing). */
  unitId: string;
  milestoneId: string | null;
  supervisorIds: readonly string[];
  /** The instant the notice became due; a sweep at or after it produces the notice. */
  triggerAt: Date;
  params: NoticeParams;
  dedupeKey: string;
}

/**
 * Deterministic identity of a notice: task, rule and period, plus the milestone or unit when the rule is per
 * milestone or per unit. Parts are URI-encoded so that no id can forge a separator.
 */
export function noticeDedupeKey(taskId: string, rule: NoticeRule, period: string, subject: string | null = null): string {
  const parts = [taskId, rule, period];
  if (subject !== null) parts.push(subject);
  return parts.map(encodeURIComponent).join('|');
}

// Once the unit has signed (or before, while it decides) the deadline is theirs to watch. After 申请办结 or a
// reassignment request the next move is the supervisor's, so the unit is not chased.
const DEADLINE_STATES: readonly TaskState[] = ['assigned', 'signed', 'in_progress'];
const REPORTING_STATES: readonly TaskState[] = ['signed', 'in_progress'];
// A returned report was still filed on time; chasing it as "missing" would be wrong (its return is its own notice).
const FILED: readonly ReportState[] = ['submitted', 'accepted', 'returned'];

/**
 * The most recent rung of a "n days before" ladder that has been reached, or null. Only the latest rung is
 * produced: a first sweep two days before the deadline sends the 3-day reminder, never a stale 7-day one.
 */
function ladderRung(daysLeft: number, rungs: readonly number[]): number | null {
  let best: number | null = null;
  for (const n of rungs) if (n >= daysLeft && (best === null || n < best)) best = n;
  return best;
}

/** All notices due at `now` for one task, oldest trigger first; empty for draft, suspended and closed tasks. */
export function dueNotices(task: ReminderTaskSnapshot, now: Date, config: ReminderConfig = defaultReminderConfig): Notice[] {
  const tz = config.tz;
  const today = toLocalDate(now, tz);
  const out: Notice[] = [];
  const make = (
    rule: NoticeRule,
    kind: NoticeKind,
    audience: readonly Audience[],
    period: string,
    triggerAt: Date,
    params: NoticeParams,
    extra: { unitId?: string; milestoneId?: string } = {},
  ): Notice => ({
    taskId: task.id,
    taskTitle: task.title,
    rule,
    kind,
    audience,
    period,
    unitId: extra.unitId ?? task.leadUnitId,
    milestoneId: extra.milestoneId ?? null,
    supervisorIds: task.supervisorIds,
    triggerAt,
    params,
    dedupeKey: noticeDedupeKey(task.id, rule, period, extra.milestoneId ?? (rule === 'report_missing' ? (extra.unitId ?? null) : null)),
  });

  if (DEADLINE_STATES.includes(task.state)) {
    if (task.dueDate) {
      const due = task.dueDate;
      const daysLeft = daysBetween(today, due);
      if (daysLeft >= 0) {
        const n = ladderRung(daysLeft, config.remindDaysBefore);
        if (n !== null) {
          out.push(make(`due_soon_${n}d`, 'remind', ['lead_unit'], due, startOfLocalDay(addDays(due, -n), tz), { dueDate: due, daysLeft, thresholdDays: n }));
        }
      } else {
        const overdueDays = -daysLeft;
        // The overdue reminder and the escalation reach different people, so the escalation does not replace it.
        out.push(make('overdue', 'remind', ['lead_unit'], due, endOfLocalDay(due, tz), { dueDate: due, overdueDays }));
        const n = Math.max(1, config.escalateAfterOverdueDays);
        if (overdueDays >= n) {
          out.push(
            make('escalate_overdue', 'escalate', ['unit_head', 'supervisor'], due, startOfLocalDay(addDays(due, n), tz), {
              dueDate: due,
              overdueDays,
              thresholdDays: n,
            }),
          );
        }
      }
    }

    for (const m of task.milestones) {
      if (m.done) continue;
      const daysLeft = daysBetween(today, m.dueDate);
      const about = { dueDate: m.dueDate, milestoneTitle: m.title };
      if (daysLeft >= 0) {
        const n = ladderRung(daysLeft, config.milestoneRemindDaysBefore);
        if (n !== null) {
          out.push(
            make(`milestone_due_soon_${n}d`, 'remind', ['lead_unit'], m.dueDate, startOfLocalDay(addDays(m.dueDate, -n), tz), { ...about, daysLeft, thresholdDays: n }, { milestoneId: m.id }),
          );
        }
      } else {
        out.push(make('milestone_overdue', 'remind', ['lead_unit'], m.dueDate, endOfLocalDay(m.dueDate, tz), { ...about, overdueDays: -daysLeft }, { milestoneId: m.id }));
      }
    }
  }

  if (REPORTING_STATES.includes(task.state) && task.cadence && task.reportingSince) {
    const grace = config.missingReportGraceDays;
    const chaseAt = (dueDate: IsoDate) => endOfLocalDay(addDays(dueDate, grace), tz);
    // Only the latest period whose chase time has passed: older gaps were chased in their turn (or are superseded).
    const past = expectedPeriods(task.cadence, task.reportingSince, today, tz, task.dueDate).filter((p) => chaseAt(p.dueDate) <= now);
    const latest = past[past.length - 1];
    if (latest) {
      const units: Array<[string, Audience]> = [[task.leadUnitId, 'lead_unit'], ...task.coUnitIds.map((u): [string, Audience] => [u, 'co_unit'])];
      for (const [unitId, audience] of units) {
        const filed = task.reports.some((r) => r.unitId === unitId && r.periodKey === latest.key && FILED.includes(r.state));
        if (!filed) {
          out.push(make('report_missing', 'remind', [audience], latest.key, chaseAt(latest.dueDate), { periodKey: latest.key, dueDate: latest.dueDate }, { unitId }));
        }
      }
    }
  }

  // The sort is stable and the rules run in a fixed order, so ties keep a deterministic, readable order.
  return out.sort((a, b) => a.triggerAt.getTime() - b.triggerAt.getTime());
}
