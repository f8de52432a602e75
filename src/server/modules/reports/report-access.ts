/** Loading a report as a given actor (404 when they may not see it), and the facts the report state machine needs. */
import type { Kysely } from 'kysely';
import {
  foldReportEvents,
  reportErrorKind,
  reportTransition,
  type ReportAction,
  type ReportContext,
  type ReportFailure,
  type ReportHistory,
  type ReportSnapshot,
} from '../../../core/reports/index.ts';
import { DEFAULT_TZ } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { NotifyInput } from '../notices/index.ts';
import { loadTask, type Task, type TaskAccess } from '../tasks/index.ts';
import { canSeeReport, mayReviewReports, mayWriteReports, reportActorOf, reportScopeOf } from './reports.policy.ts';
import { findReportAndLock, isPeriodLocked, type Evidence, type Report, type ReportScope, type StoredReportEvent } from './reports.repository.ts';

// Periods are read on the wall clock of the programme's zone; programmes have no zone of their own yet.
export const REPORT_TZ = DEFAULT_TZ;

export interface ReportAccess {
  report: Report;
  access: TaskAccess;
  scope: ReportScope;
  events: StoredReportEvent[];
  history: ReportHistory;
  /** Whether the report's period is locked, read with the report. */
  periodLocked: boolean;
  /** The report's evidence, oldest first, when `loadReport` was asked for it. */
  evidence?: Evidence[];
  /** Whether reminders that the report is missing have an unread copy, when `loadReport` was asked. */
  unreadReminders?: boolean;
}

/** Loads a report the actor may see, with its history, or throws `report_not_found` (never 403). */
export async function loadReport(db: Kysely<DB>, actor: Actor, id: string, opts: { evidence?: boolean; reminders?: boolean; healthInputs?: boolean } = {}): Promise<ReportAccess> {
  // The events and evidence come with the report, but reach the caller only after the access checks below.
  const found = await findReportAndLock(db, id, opts);
  if (!found) throw notFound('report');
  const { report, periodLocked, events } = found;
  let access: TaskAccess;
  try {
    access = await loadTask(db, actor, report.taskId, { healthInputs: opts.healthInputs ?? false });
  } catch (err) {
    // The task being invisible must not tell the caller that the report exists.
    if (err instanceof AppError && err.status === 404) throw notFound('report');
    throw err;
  }
  const scope = reportScopeOf(actor, access.capacities);
  if (!canSeeReport(scope, report.unitId)) throw notFound('report');
  return { report, access, scope, events, history: foldReportEvents(events.map((e) => e.event)), periodLocked, ...(found.evidence ? { evidence: found.evidence } : {}),
    ...(found.unreadReminders !== undefined ? { unreadReminders: found.unreadReminders } : {}) };
}

/**
 * The task and period facts of the report state machine, read in the caller's transaction; `periodLocked` when the
 * caller read it already (`loadReport` does).
 */
export async function reportContextFor(db: Kysely<DB>, task: Task, periodKey: string, periodLocked?: boolean): Promise<ReportContext> {
  return {
    taskState: task.state,
    taskUnitIds: [...(task.leadUnitId ? [task.leadUnitId] : []), ...task.coUnits.map((c) => c.unitId)],
    periodLocked: periodLocked ?? (await isPeriodLocked(db, task.programmeId, periodKey)),
    cadence: task.cadence,
    tz: REPORT_TZ,
    taskDueDate: task.dueDate,
  };
}

/** The task as the notifier needs it, from the access a report write already loaded. */
export function noticeAbout(access: TaskAccess): NotifyInput['about'] {
  const { task } = access;
  return {
    task: { id: task.id, programmeId: task.programmeId, title: task.title, state: task.state, leadUnitId: task.leadUnitId, coUnitIds: task.coUnits.map((c) => c.unitId).sort() },
    supervisorIds: access.supervisorIds,
    ...(access.supervisors ? { supervisors: access.supervisors } : {}),
  };
}

export function snapshotOf(report: Report, history: ReportHistory): ReportSnapshot {
  return { state: history.state, unitId: report.unitId, periodKey: report.periodKey, revision: history.revision, writerIds: history.writerIds };
}

const STATUS = { forbidden: 403, conflict: 409, invalid: 400 } as const;

/** A refusal of the state machine as the HTTP error it maps to. */
export function refusal(failure: ReportFailure): AppError {
  return new AppError(failure.code, failure.message, STATUS[reportErrorKind[failure.code]]);
}

export interface ReportAbilities {
  edit: boolean;
  submit: boolean;
  accept: boolean;
  return: boolean;
}

/** What the caller may do with the report now, by the same rules the server enforces. */
export function reportAbilities(actor: Actor, a: Pick<ReportAccess, 'report' | 'history' | 'access'>, context: ReportContext, now: Date): ReportAbilities {
  const reportActor = reportActorOf(actor, a.access.capacities);
  const report = snapshotOf(a.report, a.history);
  const can = (action: ReportAction) => reportTransition({ action, report, actor: reportActor, context, now, reason: 'ability check' }).ok;
  const reviewer = mayReviewReports(actor);
  const writer = mayWriteReports(actor);
  return { edit: writer && can('edit'), submit: writer && can('submit'), accept: reviewer && can('accept'), return: reviewer && can('return') };
}
