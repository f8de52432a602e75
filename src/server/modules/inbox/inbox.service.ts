/** The 工作台 inbox: what waits for the caller in each of their roles, each list capped, with its full count. */
import { expectedPeriods, type Cadence } from '../../../core/reports/index.ts';
import { REPORTABLE_STATES, type TaskState } from '../../../core/tasks/index.ts';
import { addDays, DEFAULT_TZ, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/json.ts';
import { listTasks, type Task } from '../tasks/index.ts';
import * as repo from './inbox.repository.ts';
import type { InstructionItem, Page, ReportItem, TaskItem } from './inbox.repository.ts';

export const INBOX_LIMIT = 50;
/** How far back the instructions list looks. */
export const INSTRUCTION_DAYS = 30;
// Report periods are read in the programmes' default zone, as the reports module does.
const TZ = DEFAULT_TZ;

export interface ReportDue {
  task: TaskItem;
  unitId: string;
  /** Periods up to today with nothing submitted or accepted from the unit, oldest first; locked periods left out. */
  periods: Array<{ key: string; start: string | null; end: string; dueDate: string; overdue: boolean; reportId: string | null; state: 'missing' | 'draft' | 'returned' }>;
}

export interface Inbox {
  toSign: Page<TaskItem>;
  toReport: Page<ReportDue>;
  returned: Page<ReportItem>;
  overdue: Page<TaskItem>;
  toReview: {
    total: number;
    reports: Page<ReportItem>;
    completionRequests: Page<TaskItem>;
    extensionRequests: Page<TaskItem>;
    reassignRequests: Page<TaskItem>;
  };
  instructions: Page<InstructionItem>;
}

const empty = <T>(): Page<T> => ({ total: 0, items: [] });

// Reports are chased on signed and in-progress tasks only: once completion is requested the next move is the
// supervisor's (the reminder rules are quiet then too).
const REPORTING: readonly TaskState[] = ['signed', 'in_progress'];
const OPEN_WORK: TaskState[] = ['assigned', 'signed', 'reassign_requested', 'in_progress', 'completion_requested'];

async function reportsDue(ctx: AppContext, unitId: string, now: Date): Promise<Page<ReportDue>> {
  const { tasks, reports, locks } = await repo.reportingTasksOfUnit(ctx.db, unitId, REPORTING);
  const due: ReportDue[] = [];
  for (const t of tasks) {
    const cadence = fromJson<Cadence>(t.cadenceJson);
    // The same start as the reminder rules: the signing date, else the planned start.
    const since = t.signedAt ? toLocalDate(new Date(t.signedAt), TZ) : t.startDate;
    if (!cadence || !since) continue;
    const periods: ReportDue['periods'] = [];
    for (const p of expectedPeriods(cadence, since, now, TZ, t.item.dueDate)) {
      if (locks.has(`${t.item.programmeId}|${p.key}`)) continue;
      const r = reports.find((x) => x.taskId === t.item.id && x.periodKey === p.key);
      if (r && (r.state === 'submitted' || r.state === 'accepted')) continue;
      periods.push({
        key: p.key,
        start: p.start,
        end: p.end,
        dueDate: p.dueDate,
        overdue: now.getTime() >= p.dueAt.getTime(),
        reportId: r?.id ?? null,
        state: r ? (r.state as 'draft' | 'returned') : 'missing',
      });
    }
    if (periods.length) due.push({ task: t.item, unitId, periods });
  }
  // Most pressing first: the earliest deadline among the periods still open.
  due.sort((a, b) => (a.periods[0]!.dueDate < b.periods[0]!.dueDate ? -1 : a.periods[0]!.dueDate > b.periods[0]!.dueDate ? 1 : a.task.id < b.task.id ? -1 : 1));
  return { total: due.length, items: due.slice(0, INBOX_LIMIT) };
}

function taskItemOf(t: Task): TaskItem {
  return {
    id: t.id,
    programmeId: t.programmeId,
    title: t.title,
    state: t.state,
    leadUnitId: t.leadUnitId,
    dueDate: t.dueDate,
    progress: t.progress,
    health: t.health,
    pendingExtension: t.pendingExtension,
    completionRequestedBy: t.completionRequestedBy,
  };
}

/** Everything waiting for the caller: to sign, to report, returned, overdue, to review, recent instructions. */
export async function getInbox(ctx: AppContext, actor: Actor): Promise<Inbox> {
  requirePermission(actor, 'task.read');
  const now = ctx.clock.now();
  const roles = new Set(actor.kind === 'user' ? actor.roles : []);
  const userId = actor.kind === 'user' ? actor.id : null;
  const liaisonUnit = actor.kind === 'user' && roles.has('liaison') ? actor.unitId : null;
  const supervisorId = roles.has('supervisor') ? userId : null;

  // Overdue is about every task the caller can see, so the tasks module's own visibility scope answers it.
  const yesterday = addDays(toLocalDate(now, TZ), -1);
  const overdue = await listTasks(ctx, actor, { state: OPEN_WORK, dueTo: yesterday, sort: 'due', order: 'asc', limit: INBOX_LIMIT, offset: 0 });

  const toReview = supervisorId
    ? {
        reports: await repo.reportsToReview(ctx.db, supervisorId, INBOX_LIMIT),
        completionRequests: await repo.completionRequests(ctx.db, supervisorId, INBOX_LIMIT),
        extensionRequests: await repo.extensionRequests(ctx.db, supervisorId, INBOX_LIMIT),
        reassignRequests: await repo.reassignRequests(ctx.db, supervisorId, INBOX_LIMIT),
      }
    : { reports: empty<ReportItem>(), completionRequests: empty<TaskItem>(), extensionRequests: empty<TaskItem>(), reassignRequests: empty<TaskItem>() };

  return {
    toSign: liaisonUnit ? await repo.tasksToSign(ctx.db, liaisonUnit, INBOX_LIMIT) : empty(),
    toReport: liaisonUnit ? await reportsDue(ctx, liaisonUnit, now) : empty(),
    returned: liaisonUnit ? await repo.returnedReports(ctx.db, liaisonUnit, REPORTABLE_STATES, INBOX_LIMIT) : empty(),
    overdue: { total: overdue.total, items: overdue.items.map(taskItemOf) },
    toReview: {
      total: toReview.reports.total + toReview.completionRequests.total + toReview.extensionRequests.total + toReview.reassignRequests.total,
      ...toReview,
    },
    instructions: await repo.recentInstructions(
      ctx.db,
      { unitId: liaisonUnit, supervisorId, authorId: roles.has('leader') ? userId : null, since: new Date(now.getTime() - INSTRUCTION_DAYS * 86_400_000) },
      INBOX_LIMIT,
    ),
  };
}
