/**
 * Progress reports (反馈 / 进展报告): reporting periods and cadence, lateness, and the draft → submitted →
 * accepted | returned machine. A report's history is a list of events, so returns and resubmissions stay visible.
 */
import {
  DEFAULT_TZ,
  addDays,
  asLocalDate,
  daysBetween,
  endOfLocalDay,
  isIsoDate,
  monthKey,
  periodKeyBounds,
  quarterKey,
  weekKey,
  type IsoDate,
} from '../time.ts';
// Within the core we import the file, not tasks/index.ts, so that tasks → reports → tasks never forms a cycle.
import { acceptsReports, type Capacity, type TaskState } from '../tasks/lifecycle.ts';

// ---------------------------------------------------------------------------------------------------------------
// Cadence and periods

/** How often a task's units report; the grace is added to the end of each period to give its deadline. */
export type Cadence =
  | { kind: 'weekly'; graceDays?: number }
  | { kind: 'monthly'; graceDays?: number }
  | { kind: 'quarterly'; graceDays?: number }
  /** Explicit reporting dates: each date closes a period that began the day after the previous one. */
  | { kind: 'custom'; dates: readonly IsoDate[]; graceDays?: number };

export type CadenceKind = Cadence['kind'];

/** Default grace in days after the end of a period; custom dates are deadlines already, so they get none. */
export const DEFAULT_GRACE_DAYS: Readonly<Record<CadenceKind, number>> = {
  weekly: 2,
  monthly: 5,
  quarterly: 5,
  custom: 0,
};

/** One reporting period. `dueAt` is exclusive: a report submitted at or after it is late. */
export interface ReportingPeriod {
  /** '2024-W05', '2024-03', '2024-Q1', or for custom cadences the closing date '2024-06-30'. */
  key: string;
  /** First day; null only for the first period of a custom cadence, which runs from whenever the task began. */
  start: IsoDate | null;
  /** Last day, inclusive. */
  end: IsoDate;
  /** Last day a report is on time (end + grace), inclusive. */
  dueDate: IsoDate;
  /** The first instant a report is late: the start of the day after `dueDate` in the programme's zone. */
  dueAt: Date;
}

/** The grace days a cadence grants. */
export function graceDaysOf(cadence: Cadence): number {
  return cadence.graceDays ?? DEFAULT_GRACE_DAYS[cadence.kind];
}

/** What is wrong with a cadence, for validating programme settings; empty when it is usable. */
export function cadenceProblems(cadence: Cadence): string[] {
  const problems: string[] = [];
  if (cadence.graceDays !== undefined && !(Number.isInteger(cadence.graceDays) && cadence.graceDays >= 0)) {
    problems.push('graceDays must be a whole number of days, 0 or more');
  }
  if (cadence.kind === 'custom') {
    if (cadence.dates.length === 0) problems.push('a custom cadence needs at least one date');
    for (const d of cadence.dates) if (!isIsoDate(d)) problems.push(`not a date: ${JSON.stringify(d)}`);
  }
  return problems;
}

function sortedCustomDates(dates: readonly IsoDate[]): IsoDate[] {
  for (const d of dates) if (!isIsoDate(d)) throw new RangeError(`custom cadence has a bad date: ${JSON.stringify(d)}`);
  return [...new Set(dates)].sort();
}

function makePeriod(key: string, start: IsoDate | null, end: IsoDate, grace: number, tz: string): ReportingPeriod {
  const dueDate = addDays(end, grace);
  return { key, start, end, dueDate, dueAt: endOfLocalDay(dueDate, tz) };
}

function calendarKey(kind: Exclude<CadenceKind, 'custom'>, date: IsoDate): string {
  if (kind === 'weekly') return weekKey(date);
  if (kind === 'monthly') return monthKey(date);
  return quarterKey(date);
}

const KEY_KIND: Readonly<Record<Exclude<CadenceKind, 'custom'>, string>> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
};

/**
 * The period that holds the task's deadline ends on the deadline, and its report is due that day: a task due on
 * 20 March with a monthly cadence reports by 20 March, not by 5 April. Periods wholly before or after the deadline
 * (an overdue task keeps reporting) are left as they are.
 */
function clipToDueDate(p: ReportingPeriod, taskDueDate: IsoDate | null | undefined, tz: string): ReportingPeriod {
  return clipToValidDueDate(p, validDueDate(taskDueDate), tz);
}

function validDueDate(taskDueDate: IsoDate | null | undefined): IsoDate | null {
  return taskDueDate && isIsoDate(taskDueDate) ? taskDueDate : null;
}

function clipToValidDueDate(p: ReportingPeriod, dueDate: IsoDate | null, tz: string): ReportingPeriod {
  if (!dueDate || dueDate >= p.end || (p.start !== null && dueDate < p.start)) return p;
  return { ...p, end: dueDate, dueDate, dueAt: endOfLocalDay(dueDate, tz) };
}

/**
 * The period a report for its key covers, or null when the key does not belong to this cadence. With the task's
 * deadline, the period holding it ends there (see `clipToDueDate`).
 */
export function periodByKey(cadence: Cadence, key: string, tz: string = DEFAULT_TZ, taskDueDate?: IsoDate | null): ReportingPeriod | null {
  const grace = graceDaysOf(cadence);
  if (cadence.kind === 'custom') {
    const dates = sortedCustomDates(cadence.dates);
    const i = dates.indexOf(key);
    if (i < 0) return null;
    const prev = dates[i - 1];
    return clipToDueDate(makePeriod(key, prev === undefined ? null : addDays(prev, 1), key, grace, tz), taskDueDate, tz);
  }
  const p = calendarPeriod(cadence.kind, grace, key, tz);
  return p && clipToDueDate(p, taskDueDate, tz);
}

/** The unclipped period of a calendar cadence for a key, memoised (see below); null when the key is not of this kind. */
function calendarPeriod(kind: Exclude<CadenceKind, 'custom'>, grace: number, key: string, tz: string): Readonly<ReportingPeriod> | null {
  const memo = `${kind}|${grace}|${tz}|${key}`;
  let p = calendarPeriods.get(memo);
  if (p === undefined) {
    const b = periodKeyBounds(key);
    if (!b || b.kind !== KEY_KIND[kind]) return null;
    p = Object.freeze(makePeriod(key, b.start, b.end, grace, tz));
    if (calendarPeriods.size >= CALENDAR_PERIODS_MAX) calendarPeriods.clear();
    calendarPeriods.set(memo, p);
  }
  return p;
}

/** The key of the calendar period after `p` (the one holding the day after its end), memoised with the period. */
function nextCalendarKey(kind: Exclude<CadenceKind, 'custom'>, p: Readonly<ReportingPeriod>): string {
  let next = nextKeys.get(p);
  if (next === undefined) {
    next = calendarKey(kind, addDays(p.end, 1));
    nextKeys.set(p, next);
  }
  return next;
}

// A calendar period depends only on the cadence's kind and grace, the zone and the key, and the inbox asks for the
// same few hundred of them for every one of a unit's thousands of tasks: each is worked out once (date arithmetic in
// the zone is most of the cost) and shared, frozen. Bounded so a long-running process cannot grow it without end.
const CALENDAR_PERIODS_MAX = 20_000;
const calendarPeriods = new Map<string, Readonly<ReportingPeriod>>();
const nextKeys = new WeakMap<Readonly<ReportingPeriod>, string>();

/**
 * The period a day (or instant, read in `tz`) falls in. Null only for a custom cadence after its last date:
 * nothing more is expected then.
 */
export function periodFor(cadence: Cadence, date: Date | IsoDate, tz: string = DEFAULT_TZ, taskDueDate?: IsoDate | null): ReportingPeriod | null {
  const day = asLocalDate(date, tz);
  if (cadence.kind === 'custom') {
    const closing = sortedCustomDates(cadence.dates).find((d) => d >= day);
    return closing === undefined ? null : periodByKey(cadence, closing, tz, taskDueDate);
  }
  return periodByKey(cadence, calendarKey(cadence.kind, day), tz, taskDueDate);
}

/**
 * Every period overlapping [startDate, untilDate], in order. A task assigned on 28 March with a monthly cadence
 * owes a March report: the first, partial period counts (it records that the work began). With the task's
 * deadline, the period holding it is due on the deadline.
 */
export function expectedPeriods(
  cadence: Cadence,
  startDate: Date | IsoDate,
  untilDate: Date | IsoDate,
  tz: string = DEFAULT_TZ,
  taskDueDate?: IsoDate | null,
): ReportingPeriod[] {
  const from = asLocalDate(startDate, tz);
  const until = asLocalDate(untilDate, tz);
  if (until < from) return [];
  if (cadence.kind === 'custom') {
    const out: ReportingPeriod[] = [];
    for (const d of sortedCustomDates(cadence.dates)) {
      if (d < from) continue;
      const p = periodByKey(cadence, d, tz, taskDueDate);
      if (!p || (p.start !== null && p.start > until)) break;
      out.push(p);
    }
    return out;
  }
  const out: ReportingPeriod[] = [];
  const grace = graceDaysOf(cadence);
  const due = validDueDate(taskDueDate);
  // Weekly over a 30-year programme is ~1,600 periods: fine to enumerate. Step by the calendar period, not the
  // clipped one, so the period after the deadline is not visited twice.
  for (let key = calendarKey(cadence.kind, from); ; ) {
    const p = calendarPeriod(cadence.kind, grace, key, tz);
    if (!p || (p.start !== null && p.start > until)) break;
    out.push(clipToValidDueDate(p, due, tz));
    key = nextCalendarKey(cadence.kind, p);
  }
  return out;
}

/** Whether a report for `period` submitted at `submittedAt` is late; unknown keys are never late. */
export function isLate(
  period: ReportingPeriod | string,
  submittedAt: Date,
  cadence: Cadence,
  tz: string = DEFAULT_TZ,
  taskDueDate?: IsoDate | null,
): boolean {
  const p = typeof period === 'string' ? periodByKey(cadence, period, tz, taskDueDate) : period;
  if (!p) return false;
  return submittedAt.getTime() >= p.dueAt.getTime();
}

/** Nominal length of one period in days, used to judge whether the last report is stale. */
export function cadenceLengthDays(cadence: Cadence): number | null {
  switch (cadence.kind) {
    case 'weekly':
      return 7;
    case 'monthly':
      return 30;
    case 'quarterly':
      return 91;
    case 'custom': {
      const dates = sortedCustomDates(cadence.dates);
      let longest = 0;
      for (let i = 1; i < dates.length; i++) {
        const a = dates[i - 1];
        const b = dates[i];
        if (a !== undefined && b !== undefined) longest = Math.max(longest, daysBetween(a, b));
      }
      // The longest gap, so an irregular schedule never calls a report stale before its own next date.
      return longest > 0 ? longest : null;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The report state machine

export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_ACTIONS = ['edit', 'submit', 'accept', 'return'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who is acting: the units they are liaison of, and their capacities on the report's task. */
export interface ReportActor {
  userId: string;
  liaisonOf: ReadonlySet<string>;
  capacities: ReadonlySet<Capacity>;
}

/** The report as the rules need it; `foldReportEvents` derives most of it from the history. */
export interface ReportSnapshot {
  state: ReportState;
  /** The unit the report speaks for: the lead unit, or a co-unit reporting on its own part. */
  unitId: string;
  periodKey: string;
  /** Number of submissions so far (0 for a draft never submitted). */
  revision: number;
  /** Everyone who wrote or submitted any revision; none of them may review it. */
  writerIds: readonly string[];
  /**
   * A final report (总结, `final: true`) with what it carries; checked on submission only. Absent or null: an
   * ordinary progress report.
   */
  final?: { summary: string | null; evidenceCount: number } | null;
}

/** Facts about the task and the period, loaded in the same transaction. */
export interface ReportContext {
  taskState: TaskState;
  /** Lead unit and co-units of the task as it stands now. */
  taskUnitIds: readonly string[];
  periodLocked: boolean;
  cadence: Cadence | null;
  tz?: string;
  /** The task's deadline: the period holding it is due on it (see `periodByKey`). */
  taskDueDate?: IsoDate | null;
}

export type ReportEvent =
  | { type: 'report.created'; actorId: string; at: string; unitId: string; periodKey: string }
  | { type: 'report.edited'; actorId: string; at: string; revision: number }
  | { type: 'report.submitted'; actorId: string; at: string; revision: number; late: boolean }
  | { type: 'report.accepted'; actorId: string; at: string; revision: number }
  | { type: 'report.returned'; actorId: string; at: string; revision: number; reason: string };

export const REPORT_ERROR_CODES = [
  'forbidden',
  'self_review',
  'invalid_transition',
  'task_not_open',
  'unit_not_on_task',
  'period_locked',
  'period_invalid',
  'reason_required',
  'final_summary_required',
  'final_evidence_required',
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

/** forbidden → 403, conflict → 409, invalid → 400, as for tasks. */
export const reportErrorKind: Readonly<Record<ReportErrorCode, 'forbidden' | 'conflict' | 'invalid'>> = {
  forbidden: 'forbidden',
  self_review: 'forbidden',
  invalid_transition: 'conflict',
  task_not_open: 'conflict',
  unit_not_on_task: 'conflict',
  period_locked: 'conflict',
  period_invalid: 'invalid',
  reason_required: 'invalid',
  final_summary_required: 'invalid',
  final_evidence_required: 'conflict',
};

export type ReportFailure = { ok: false; code: ReportErrorCode; message: string };
export type ReportResult = { ok: true; to: ReportState; event: ReportEvent } | ReportFailure;

const FROM: Readonly<Record<ReportAction, readonly ReportState[]>> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  accept: ['submitted'],
  return: ['submitted'],
};

const REVIEWERS: readonly Capacity[] = ['supervisor'];

function fail(code: ReportErrorCode, message: string): ReportFailure {
  return { ok: false, code, message };
}

function checkWriter(actor: ReportActor, unitId: string, ctx: ReportContext): ReportFailure | null {
  // Only the unit's own liaison speaks for it: a lead-unit liaison cannot fill in a co-unit's part, nor a supervisor.
  if (!actor.liaisonOf.has(unitId)) return fail('forbidden', 'only a liaison of the reporting unit may write this report');
  if (!ctx.taskUnitIds.includes(unitId)) return fail('unit_not_on_task', 'this unit is no longer on the task');
  if (!acceptsReports(ctx.taskState)) return fail('task_not_open', `a ${ctx.taskState} task takes no reports`);
  return null;
}

/** Opens a new draft report for a unit and period. */
export function startReport(input: {
  actor: ReportActor;
  unitId: string;
  periodKey: string;
  context: ReportContext;
  now: Date;
}): { ok: true; to: 'draft'; event: ReportEvent } | ReportFailure {
  const { actor, unitId, periodKey, context: ctx } = input;
  const bad = checkWriter(actor, unitId, ctx);
  if (bad) return bad;
  if (ctx.cadence && !periodByKey(ctx.cadence, periodKey, ctx.tz ?? DEFAULT_TZ, ctx.taskDueDate)) {
    return fail('period_invalid', `${periodKey} is not a period of this task's cadence`);
  }
  if (ctx.periodLocked) return fail('period_locked', `period ${periodKey} is locked`);
  return {
    ok: true,
    to: 'draft',
    event: { type: 'report.created', actorId: actor.userId, at: input.now.toISOString(), unitId, periodKey },
  };
}

/** Applies one action to a report; refusals come back as stable codes. */
export function reportTransition(input: {
  action: ReportAction;
  report: ReportSnapshot;
  actor: ReportActor;
  context: ReportContext;
  now: Date;
  reason?: string;
}): ReportResult {
  const { action, report, actor, context: ctx, now } = input;
  const at = now.toISOString();

  if (action === 'edit' || action === 'submit') {
    const bad = checkWriter(actor, report.unitId, ctx);
    if (bad) return bad;
    if (!FROM[action].includes(report.state)) return fail('invalid_transition', `cannot ${action} a ${report.state} report`);
    if (action === 'edit') return { ok: true, to: report.state, event: { type: 'report.edited', actorId: actor.userId, at, revision: report.revision } };
    // A locked period is one whose ledger has been published: even a fix to a returned report must go elsewhere.
    if (ctx.periodLocked) return fail('period_locked', `period ${report.periodKey} is locked`);
    const incomplete = finalReportProblem(report.final ?? null);
    if (incomplete) return incomplete;
    const late = ctx.cadence ? isLate(report.periodKey, now, ctx.cadence, ctx.tz ?? DEFAULT_TZ, ctx.taskDueDate) : false;
    return {
      ok: true,
      to: 'submitted',
      event: { type: 'report.submitted', actorId: actor.userId, at, revision: report.revision + 1, late },
    };
  }

  if (!REVIEWERS.some((c) => actor.capacities.has(c))) return fail('forbidden', 'only a supervisor reviews reports');
  if (!FROM[action].includes(report.state)) return fail('invalid_transition', `cannot ${action} a ${report.state} report`);
  if (report.writerIds.includes(actor.userId)) return fail('self_review', 'a reviewer cannot review a report they wrote');
  // Reviews stay possible on a locked period: a report submitted before the lock must not be left hanging.
  if (action === 'accept') {
    return { ok: true, to: 'accepted', event: { type: 'report.accepted', actorId: actor.userId, at, revision: report.revision } };
  }
  const reason = input.reason?.trim() ?? '';
  if (reason === '') return fail('reason_required', 'returning a report requires a reason');
  return {
    ok: true,
    to: 'returned',
    event: { type: 'report.returned', actorId: actor.userId, at, revision: report.revision, reason },
  };
}

/**
 * What a final report must carry before it goes to review: a summary of the whole task (总结) and at least one
 * evidence file — it is what 申请办结 stands on and what 销号 verifies.
 */
export function finalReportProblem(final: { summary: string | null; evidenceCount: number } | null): ReportFailure | null {
  if (!final) return null;
  if ((final.summary?.trim() ?? '') === '') return fail('final_summary_required', 'a final report needs a summary of the whole task');
  if (final.evidenceCount < 1) return fail('final_evidence_required', 'a final report needs at least one evidence file');
  return null;
}

/** What a report's event history amounts to. */
export interface ReportHistory {
  state: ReportState;
  unitId: string;
  periodKey: string;
  revision: number;
  writerIds: string[];
  returns: Array<{ revision: number; reason: string; actorId: string; at: string }>;
  firstSubmittedAt: string | null;
  /** Judged on the first submission: time a report spends being returned and fixed is not the unit's lateness. */
  late: boolean | null;
  acceptedAt: string | null;
}

const NEXT: Readonly<Record<Exclude<ReportEvent['type'], 'report.created'>, { from: readonly ReportState[]; to: ReportState | null }>> = {
  'report.edited': { from: ['draft', 'returned'], to: null },
  'report.submitted': { from: ['draft', 'returned'], to: 'submitted' },
  'report.accepted': { from: ['submitted'], to: 'accepted' },
  'report.returned': { from: ['submitted'], to: 'returned' },
};

/** Replays a report's events (oldest first); throws on a history the state machine could not have produced. */
export function foldReportEvents(events: readonly ReportEvent[]): ReportHistory {
  const [first, ...rest] = events;
  if (!first || first.type !== 'report.created') throw new Error('a report history starts with report.created');
  const h: ReportHistory = {
    state: 'draft',
    unitId: first.unitId,
    periodKey: first.periodKey,
    revision: 0,
    writerIds: [first.actorId],
    returns: [],
    firstSubmittedAt: null,
    late: null,
    acceptedAt: null,
  };
  for (const e of rest) {
    if (e.type === 'report.created') throw new Error('report.created may only come first');
    const step = NEXT[e.type];
    if (!step.from.includes(h.state)) throw new Error(`${e.type} cannot follow a ${h.state} report`);
    if (e.type === 'report.edited' || e.type === 'report.submitted') {
      if (!h.writerIds.includes(e.actorId)) h.writerIds.push(e.actorId);
    }
    if (e.type === 'report.submitted') {
      h.revision = e.revision;
      if (h.firstSubmittedAt === null) {
        h.firstSubmittedAt = e.at;
        h.late = e.late;
      }
    }
    if (e.type === 'report.returned') h.returns.push({ revision: e.revision, reason: e.reason, actorId: e.actorId, at: e.at });
    if (e.type === 'report.accepted') h.acceptedAt = e.at;
    if (step.to) h.state = step.to;
  }
  return h;
}

/** Returned reports in a row on a task: review decisions since the last acceptance (any order in, sorted by time). */
export function returnStreak(decisions: ReadonlyArray<{ type: 'report.accepted' | 'report.returned'; at: string }>): number {
  const sorted = [...decisions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let streak = 0;
  for (const d of sorted) streak = d.type === 'report.returned' ? streak + 1 : 0;
  return streak;
}
