/**
 * The 工作台 read model: what waits for one person, read across tasks, reports and instructions. Every query is
 * scoped in SQL to the caller's unit or to the programmes they supervise, never filtered after loading.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';

export interface TaskItem {
  id: string;
  programmeId: string;
  title: string;
  state: string;
  leadUnitId: string | null;
  dueDate: string | null;
  progress: number;
  health: string;
  pendingExtension: { newDueDate: string; requestedBy: string; reason: string } | null;
  completionRequestedBy: string | null;
}

export interface ReportItem {
  id: string;
  taskId: string;
  taskTitle: string;
  unitId: string;
  periodKey: string;
  state: string;
  revision: number;
  late: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
}

export interface InstructionItem {
  id: string;
  taskId: string;
  taskTitle: string;
  reportId: string | null;
  authorId: string;
  text: string;
  createdAt: string;
}

export interface Page<T> {
  total: number;
  items: T[];
}

const TASK_COLUMNS = [
  'tasks.id',
  'tasks.programme_id',
  'tasks.title',
  'tasks.state',
  'tasks.lead_unit_id',
  'tasks.due_date',
  'tasks.progress',
  'tasks.health',
  'tasks.pending_extension_json',
  'tasks.completion_requested_by',
] as const;

interface TaskRowPart {
  id: string;
  programme_id: string;
  title: string;
  state: string;
  lead_unit_id: string | null;
  due_date: string | null;
  progress: number;
  health: string;
  pending_extension_json: string | null;
  completion_requested_by: string | null;
}

function toTaskItem(r: TaskRowPart): TaskItem {
  return {
    id: r.id,
    programmeId: r.programme_id,
    title: r.title,
    state: r.state,
    leadUnitId: r.lead_unit_id,
    dueDate: r.due_date,
    progress: Number(r.progress),
    health: r.health,
    pendingExtension: fromJson<TaskItem['pendingExtension']>(r.pending_extension_json),
    completionRequestedBy: r.completion_requested_by,
  };
}

/** The task is the unit's: as lead unit, or as a co-unit (task_units holds both, indexed by unit). */
function ofUnit(eb: ExpressionBuilder<DB, 'tasks'>, unitId: string): Expression<SqlBool> {
  return eb('tasks.id', 'in', eb.selectFrom('task_units').select('task_units.task_id').where('task_units.unit_id', '=', unitId));
}

/** The task belongs to a programme this user supervises. */
function supervisedBy(eb: ExpressionBuilder<DB, 'tasks'>, userId: string): Expression<SqlBool> {
  return eb('tasks.programme_id', 'in', eb.selectFrom('programme_supervisors').select('programme_supervisors.programme_id').where('programme_supervisors.user_id', '=', userId));
}

type TaskWhere = (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>;

async function taskPage(db: Kysely<DB>, where: TaskWhere, limit: number): Promise<Page<TaskItem>> {
  const total = await db.selectFrom('tasks').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('tasks')
    .where(where)
    .select(TASK_COLUMNS)
    // Oldest deadline first; tasks without one last.
    .orderBy(sql`case when tasks.due_date is null then 1 else 0 end`)
    .orderBy('tasks.due_date')
    .orderBy('tasks.updated_at')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
  return { total: Number(total.n), items: rows.map(toTaskItem) };
}

/** Assigned tasks waiting for the unit to sign (签收); only the lead unit signs. */
export function tasksToSign(db: Kysely<DB>, unitId: string, limit: number): Promise<Page<TaskItem>> {
  return taskPage(db, (eb) => eb.and([eb('tasks.state', '=', 'assigned'), eb('tasks.lead_unit_id', '=', unitId)]), limit);
}

/** Completion requests (申请办结) waiting in the programmes the user supervises. */
export function completionRequests(db: Kysely<DB>, supervisorId: string, limit: number): Promise<Page<TaskItem>> {
  return taskPage(db, (eb) => eb.and([eb('tasks.state', '=', 'completion_requested'), supervisedBy(eb, supervisorId)]), limit);
}

/** Pending extension requests (延期) in the programmes the user supervises. */
export function extensionRequests(db: Kysely<DB>, supervisorId: string, limit: number): Promise<Page<TaskItem>> {
  return taskPage(db, (eb) => eb.and([eb('tasks.pending_extension_json', 'is not', null), eb('tasks.state', '!=', 'closed'), supervisedBy(eb, supervisorId)]), limit);
}

/** Units' requests to be relieved of a task, in the programmes the user supervises. */
export function reassignRequests(db: Kysely<DB>, supervisorId: string, limit: number): Promise<Page<TaskItem>> {
  return taskPage(db, (eb) => eb.and([eb('tasks.state', '=', 'reassign_requested'), supervisedBy(eb, supervisorId)]), limit);
}

/** The unit's open tasks that report on a cadence, with what the unit has filed so far; periods are the core's job. */
export async function reportingTasksOfUnit(db: Kysely<DB>, unitId: string, states: readonly string[]) {
  const tasks = await db
    .selectFrom('tasks')
    .where((eb) => eb.and([eb('tasks.state', 'in', [...states]), eb('tasks.cadence_json', 'is not', null), ofUnit(eb, unitId)]))
    .select([...TASK_COLUMNS, 'tasks.cadence_json', 'tasks.signed_at', 'tasks.start_date'])
    .execute();
  const ids = tasks.map((t) => t.id);
  const reports = ids.length
    ? await db.selectFrom('reports').select(['id', 'task_id', 'period_key', 'state']).where('unit_id', '=', unitId).where('task_id', 'in', ids).execute()
    : [];
  const programmeIds = [...new Set(tasks.map((t) => t.programme_id))];
  const locks = programmeIds.length
    ? await db.selectFrom('period_locks').select(['programme_id', 'period_key']).where('programme_id', 'in', programmeIds).execute()
    : [];
  return {
    tasks: tasks.map((t) => ({ item: toTaskItem(t), cadenceJson: t.cadence_json, signedAt: t.signed_at, startDate: t.start_date })),
    reports: reports.map((r) => ({ id: r.id, taskId: r.task_id, periodKey: r.period_key, state: r.state })),
    locks: new Set(locks.map((l) => `${l.programme_id}|${l.period_key}`)),
  };
}

type ReportWhere = (eb: ExpressionBuilder<DB, 'reports' | 'tasks'>) => Expression<SqlBool>;

async function reportPage(db: Kysely<DB>, where: ReportWhere, order: 'oldest' | 'newest', limit: number): Promise<Page<ReportItem>> {
  const base = db.selectFrom('reports').innerJoin('tasks', 'tasks.id', 'reports.task_id').where(where);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'reports.id',
      'reports.task_id',
      'tasks.title as task_title',
      'reports.unit_id',
      'reports.period_key',
      'reports.state',
      'reports.revision',
      'reports.late',
      'reports.submitted_at',
      'reports.reviewed_at',
      'reports.return_reason',
    ])
    .orderBy(order === 'oldest' ? 'reports.submitted_at' : 'reports.reviewed_at', order === 'oldest' ? 'asc' : 'desc')
    .orderBy('reports.id')
    .limit(limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      taskTitle: r.task_title,
      unitId: r.unit_id,
      periodKey: r.period_key,
      state: r.state,
      revision: Number(r.revision),
      late: Number(r.late) === 1,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      returnReason: r.return_reason,
    })),
  };
}

/** The unit's reports sent back for rework, on tasks that still take reports; most recently returned first. */
export function returnedReports(db: Kysely<DB>, unitId: string, reportableStates: readonly string[], limit: number): Promise<Page<ReportItem>> {
  return reportPage(
    db,
    (eb) => eb.and([eb('reports.state', '=', 'returned'), eb('reports.unit_id', '=', unitId), eb('tasks.state', 'in', [...reportableStates])]),
    'newest',
    limit,
  );
}

/** Submitted reports in the programmes the user supervises, except those they wrote (they may not review them). */
export function reportsToReview(db: Kysely<DB>, supervisorId: string, limit: number): Promise<Page<ReportItem>> {
  // writer_ids_json is a JSON array of UUIDs; a UUID holds no LIKE wildcard, so the quoted id matches literally.
  const writer = `%${JSON.stringify(supervisorId)}%`;
  return reportPage(
    db,
    (eb) =>
      eb.and([
        eb('reports.state', '=', 'submitted'),
        eb('tasks.programme_id', 'in', eb.selectFrom('programme_supervisors').select('programme_supervisors.programme_id').where('programme_supervisors.user_id', '=', supervisorId)),
        eb('reports.writer_ids_json', 'not like', writer),
      ]),
    'oldest',
    limit,
  );
}

export interface InstructionScope {
  unitId: string | null;
  supervisorId: string | null;
  authorId: string | null;
  since: Date;
}

/** Recent 批示 on the caller's tasks (their unit's, their programmes'), and a leader's own; newest first. */
export async function recentInstructions(db: Kysely<DB>, scope: InstructionScope, limit: number): Promise<Page<InstructionItem>> {
  const { unitId, supervisorId, authorId } = scope;
  if (!unitId && !supervisorId && !authorId) return { total: 0, items: [] };
  const base = db
    .selectFrom('instructions')
    .innerJoin('tasks', 'tasks.id', 'instructions.task_id')
    .where('instructions.created_at', '>=', scope.since.toISOString())
    .where((eb) => {
      const ors: Expression<SqlBool>[] = [];
      // A unit hears of instructions once the task is theirs, not while it is still being planned.
      if (unitId) ors.push(eb.and([eb('tasks.state', '!=', 'draft'), ofUnit(eb, unitId)]));
      if (supervisorId) ors.push(supervisedBy(eb, supervisorId));
      if (authorId) ors.push(eb('instructions.author_id', '=', authorId));
      return eb.or(ors);
    });
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['instructions.id', 'instructions.task_id', 'tasks.title', 'instructions.report_id', 'instructions.author_id', 'instructions.text', 'instructions.created_at'])
    .orderBy('instructions.created_at', 'desc')
    .orderBy('instructions.id', 'desc')
    .limit(limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ id: r.id, taskId: r.task_id, taskTitle: r.title, reportId: r.report_id, authorId: r.author_id, text: r.text, createdAt: r.created_at })),
  };
}
