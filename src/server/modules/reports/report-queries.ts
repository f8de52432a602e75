/** Read use cases: one report, a task's reports, and the task's expected periods with each unit's standing. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { expectedPeriods, foldReportEvents, periodByKey, type ReportHistory, type ReportingPeriod, type ReportState } from '../../../core/reports/index.ts';
import { toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { loadTask, visibleTasksWhere, type Task, type TaskAccess } from '../tasks/index.ts';
import { loadReport, REPORT_TZ, reportAbilities, type ReportAbilities } from './report-access.ts';
import { reportScopeOf, reportVisibilityOf } from './reports.policy.ts';
import { listEvidence, listEvents, listReportsOfTask, lockedPeriodKeys, visibleReportWhere, type Evidence, type Report, type StoredReportEvent } from './reports.repository.ts';

export interface ReportView {
  report: Report;
  events: StoredReportEvent[];
  history: ReportHistory;
  evidence: Evidence[];
  period: ReportingPeriod | null;
  locked: boolean;
  abilities: ReportAbilities;
}

function taskUnitIds(task: Task): string[] {
  return [...(task.leadUnitId ? [task.leadUnitId] : []), ...task.coUnits.map((c) => c.unitId)];
}

/** Builds the views of reports of one task with their events, evidence and the caller's abilities, in three queries. */
export async function viewReports(db: Kysely<DB>, actor: Actor, access: TaskAccess, reports: Report[], now: Date): Promise<ReportView[]> {
  const events = await listEvents(db, reports);
  const evidence = await listEvidence(db, reports.map((r) => r.id));
  const locks = await lockedPeriodKeys(db, access.task.programmeId);
  return reports.map((report) => viewOf(actor, access, { report, events: events.get(report.id) ?? [], evidence: evidence.get(report.id) ?? [], locked: locks.has(report.periodKey) }, now));
}

/**
 * The view of one report from what the caller already holds: a write answers with the row it wrote, the events it
 * read plus the one it added, and the evidence and lock it checked, instead of reading them all again.
 */
export function viewOf(
  actor: Actor,
  access: TaskAccess,
  held: { report: Report; events: StoredReportEvent[]; evidence: Evidence[]; locked: boolean },
  now: Date,
): ReportView {
  const { task } = access;
  const { report, events, evidence, locked } = held;
  const history = foldReportEvents(events.map((e) => e.event));
  const context = { taskState: task.state, taskUnitIds: taskUnitIds(task), periodLocked: locked, cadence: task.cadence, tz: REPORT_TZ, taskDueDate: task.dueDate };
  return {
    report,
    events,
    history,
    evidence,
    period: task.cadence ? periodByKey(task.cadence, report.periodKey, REPORT_TZ, task.dueDate) : null,
    locked,
    abilities: reportAbilities(actor, { report, history, access }, context, now),
  };
}

/** The actor's report scope as a WHERE clause on `reports`, for other modules' lists (the audit log). */
export function visibleReportsWhere(actor: Actor) {
  const rv = reportVisibilityOf(actor);
  const taskVisible = visibleTasksWhere(actor);
  return (eb: ExpressionBuilder<DB, 'reports'>) => visibleReportWhere(eb, rv, taskVisible);
}

/** One report the caller may see, in full. */
export async function getReport(ctx: AppContext, actor: Actor, id: string, db: Kysely<DB> = ctx.db): Promise<ReportView> {
  requirePermission(actor, 'task.read');
  const { report, access } = await loadReport(db, actor, id);
  const [view] = await viewReports(db, actor, access, [report], ctx.clock.now());
  return view!;
}

/** The task's reports the caller may see, newest period first. */
export async function listTaskReports(ctx: AppContext, actor: Actor, taskId: string): Promise<ReportView[]> {
  requirePermission(actor, 'task.read');
  const access = await loadTask(ctx.db, actor, taskId);
  const reports = await listReportsOfTask(ctx.db, taskId, reportScopeOf(actor, access.capacities));
  return viewReports(ctx.db, actor, access, reports, ctx.clock.now());
}

/** The first day reports are owed: the signing date (the unit took the work on then), else the planned start. */
export function reportingSince(task: Task): string | null {
  return task.signedAt ? toLocalDate(task.signedAt, REPORT_TZ) : task.startDate;
}

export interface UnitStanding {
  unitId: string;
  role: 'lead' | 'co';
  state: ReportState | 'missing';
  reportId: string | null;
  late: boolean;
  /** Past the period's deadline and never submitted; a returned report was submitted, so lateness was judged then. */
  overdue: boolean;
}

export interface PeriodStanding {
  period: ReportingPeriod;
  locked: boolean;
  units: UnitStanding[];
}

/** The periods the task's cadence expects up to today, each with the standing of every unit the caller may see. */
export async function listPeriods(ctx: AppContext, actor: Actor, taskId: string): Promise<{ cadence: Task['cadence']; since: string | null; periods: PeriodStanding[] }> {
  requirePermission(actor, 'task.read');
  const now = ctx.clock.now();
  const access = await loadTask(ctx.db, actor, taskId);
  const { task } = access;
  const since = reportingSince(task);
  if (!task.cadence || !since) return { cadence: task.cadence, since, periods: [] };
  const scope = reportScopeOf(actor, access.capacities);
  const units = [
    ...(task.leadUnitId ? [{ unitId: task.leadUnitId, role: 'lead' as const }] : []),
    ...task.coUnits.map((c) => ({ unitId: c.unitId, role: 'co' as const })),
  ].filter((u) => scope.all || u.unitId === scope.unitId);
  const reports = await listReportsOfTask(ctx.db, taskId, scope);
  const locks = await lockedPeriodKeys(ctx.db, task.programmeId);
  const periods = expectedPeriods(task.cadence, since, now, REPORT_TZ, task.dueDate).reverse();
  return {
    cadence: task.cadence,
    since,
    periods: periods.map((period) => ({
      period,
      locked: locks.has(period.key),
      units: units.map((u) => {
        const r = reports.find((x) => x.unitId === u.unitId && x.periodKey === period.key);
        return {
          unitId: u.unitId,
          role: u.role,
          state: r?.state ?? 'missing',
          reportId: r?.id ?? null,
          late: r?.late ?? false,
          overdue: !r?.firstSubmittedAt && now.getTime() >= period.dueAt.getTime(),
        };
      }),
    })),
  };
}
