/**
 * Grouped counts and short lists over the tasks a WHERE clause selects (the ledger's filter and scope, for the
 * dashboards): task-level rows only, so the cost follows the number of tasks, never of reports.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { HealthColour, HealthResult, TaskState } from '../../../core/tasks/index.ts';
import type { DialectKind } from '../../platform/db/database.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';
import { secondsBetween } from '../../platform/db/sql-helpers.ts';

/** A WHERE clause on `tasks` (`ledgerWhere`, `visibleTasksWhere`, or another module's read-model clause). */
export type TaskWhere = (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>;

/** States in which a passed due date is the unit's to answer for (as the reminder rules have it). */
export const OVERDUE_STATES = ['assigned', 'signed', 'in_progress'] as const;
/** States of a task handed over but not yet signed for. */
const UNSIGNED_STATES = ['assigned', 'reassign_requested'] as const;

/** One group × colour cell of the grouped counts. */
export interface CountCell {
  key: string | null;
  health: HealthColour;
  n: number;
  closed: number;
  overdue: number;
  progress: number;
}

const overdueCase = (today: string) =>
  sql<number>`case when tasks.state in (${sql.join([...OVERDUE_STATES])}) and tasks.due_date < ${today} then 1 else 0 end`;

const cell = (r: { key: string | null; health: string; n: unknown; closed: unknown; overdue: unknown; progress: unknown }): CountCell => ({
  key: r.key,
  health: r.health as HealthColour,
  n: Number(r.n),
  closed: Number(r.closed ?? 0),
  overdue: Number(r.overdue ?? 0),
  progress: Number(r.progress ?? 0),
});

/** One work area × lead unit × colour cell of the one grouped scan, with the signing figures of its tasks. */
export interface ScanCell extends CountCell {
  areaId: string | null;
  signedOnTime: number;
  signedLate: number;
  unsignedOverdue: number;
  /** The earliest 交办 among tasks still unsigned but not yet overdue for it (they turn overdue 3 days later). */
  nextUnsignedAssignedAt: string | null;
}

/**
 * The one grouped scan over the clause's tasks: per work area, lead unit (`key`) and colour — the tasks, closed,
 * overdue, progress, and 签收 on time / late / overdue unsigned (within `signSeconds` of 交办; unsigned ones assigned
 * before `signCutoff`). By area, by lead unit, the totals and the signing rate are all sums of these few hundred cells.
 */
export async function taskCountsByAreaLeadHealth(db: Kysely<DB>, dialect: DialectKind, where: TaskWhere, today: string, signSeconds: number, signCutoff: string): Promise<ScanCell[]> {
  const secs = secondsBetween(dialect, 'tasks.assigned_at', 'tasks.signed_at');
  const rows = await db
    .selectFrom('tasks')
    .where(where)
    .select((eb) => [
      'tasks.area_id as areaId',
      'tasks.lead_unit_id as key',
      'tasks.health',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`case when tasks.state = 'closed' then 1 else 0 end`).as('closed'),
      eb.fn.sum<number>(overdueCase(today)).as('overdue'),
      eb.fn.sum<number>('tasks.progress').as('progress'),
      eb.fn.sum<number>(sql`case when tasks.assigned_at is not null and tasks.signed_at is not null and ${secs} <= ${signSeconds} then 1 else 0 end`).as('signedOnTime'),
      eb.fn.sum<number>(sql`case when tasks.assigned_at is not null and tasks.signed_at is not null and ${secs} > ${signSeconds} then 1 else 0 end`).as('signedLate'),
      eb.fn.sum<number>(sql`case when tasks.signed_at is null and tasks.state in (${sql.join([...UNSIGNED_STATES])}) and tasks.assigned_at < ${signCutoff} then 1 else 0 end`).as('unsignedOverdue'),
      eb.fn.min<string | null>(sql`case when tasks.signed_at is null and tasks.state in (${sql.join([...UNSIGNED_STATES])}) and tasks.assigned_at >= ${signCutoff} then tasks.assigned_at end`).as('nextUnsigned'),
    ])
    .groupBy(['tasks.area_id', 'tasks.lead_unit_id', 'tasks.health'])
    .execute();
  return rows.map((r) => ({
    ...cell(r),
    areaId: r.areaId,
    signedOnTime: Number(r.signedOnTime ?? 0),
    signedLate: Number(r.signedLate ?? 0),
    unsignedOverdue: Number(r.unsignedOverdue ?? 0),
    nextUnsignedAssignedAt: r.nextUnsigned ?? null,
  }));
}

/**
 * Counts per co-unit and colour, for co-units that are not also the task's lead (the ledger's unit filter matches
 * lead and co-units; lead units come from `taskCountsByAreaLeadHealth`), so no task counts twice for one unit.
 */
export async function taskCountsByCoUnit(db: Kysely<DB>, where: TaskWhere, today: string): Promise<CountCell[]> {
  const rows = await db
    .selectFrom('task_co_units')
    .innerJoin('tasks', 'tasks.id', 'task_co_units.task_id')
    .where((eb) => where(eb as unknown as ExpressionBuilder<DB, 'tasks'>))
    .where((eb) => eb.or([eb('tasks.lead_unit_id', 'is', null), eb('tasks.lead_unit_id', '!=', eb.ref('task_co_units.unit_id'))]))
    .select((eb) => [
      'task_co_units.unit_id as key',
      'tasks.health',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`case when tasks.state = 'closed' then 1 else 0 end`).as('closed'),
      eb.fn.sum<number>(overdueCase(today)).as('overdue'),
      eb.fn.sum<number>('tasks.progress').as('progress'),
    ])
    .groupBy(['task_co_units.unit_id', 'tasks.health'])
    .execute();
  return rows.map(cell);
}

/** A task as the dashboards' lists show it. */
export interface ListedTask {
  id: string;
  title: string;
  label: string | null;
  programmeId: string;
  areaId: string;
  leadUnitId: string | null;
  dueDate: string | null;
  state: TaskState;
  health: HealthColour;
  progress: number;
  healthDetail: HealthResult | null;
}

/** The first `limit` tasks of one colour (or overdue tasks, or matching a further clause), most urgent deadline first. */
export async function listTasksByUrgency(db: Kysely<DB>, where: TaskWhere, which: { health: HealthColour } | { overdueBefore: string } | { where: TaskWhere }, limit: number): Promise<ListedTask[]> {
  let q = db.selectFrom('tasks').where(where);
  if ('health' in which) q = q.where('tasks.health', '=', which.health);
  else if ('overdueBefore' in which) q = q.where('tasks.state', 'in', [...OVERDUE_STATES]).where('tasks.due_date', '<', which.overdueBefore);
  else q = q.where(which.where);
  const rows = await q
    .select(['tasks.id', 'tasks.title', 'tasks.label', 'tasks.programme_id', 'tasks.area_id', 'tasks.lead_unit_id', 'tasks.due_date', 'tasks.state', 'tasks.health', 'tasks.progress', 'tasks.health_json'])
    .orderBy(sql`case when tasks.due_date is null then 1 else 0 end`)
    .orderBy('tasks.due_date')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    label: r.label,
    programmeId: r.programme_id,
    areaId: r.area_id ?? r.id,
    leadUnitId: r.lead_unit_id,
    dueDate: r.due_date,
    state: r.state as TaskState,
    health: r.health as HealthColour,
    progress: Number(r.progress),
    healthDetail: fromJson<HealthResult>(r.health_json),
  }));
}

/** The leaves of the tree map: at most `limit` + 1 tasks (one more tells the caller there are too many). */
export async function taskTreeLeaves(db: Kysely<DB>, where: TaskWhere, limit: number) {
  return db.selectFrom('tasks').where(where).select(['tasks.id', 'tasks.area_id', 'tasks.title', 'tasks.label', 'tasks.health']).orderBy('tasks.area_id').orderBy('tasks.depth').orderBy('tasks.ordinal').limit(limit + 1).execute();
}

/** How many tasks `where` selects. */
export async function countTasksWhere(db: Kysely<DB>, where: TaskWhere): Promise<number> {
  const r = await db.selectFrom('tasks').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Today's counts of every programme and work area: published tasks of kind `task`, by colour and closed or not. */
export async function publishedTaskHealthCounts(db: Kysely<DB>) {
  return db
    .selectFrom('tasks')
    .where('tasks.kind', '=', 'task')
    .where('tasks.state', '!=', 'draft')
    .select((eb) => ['tasks.programme_id', 'tasks.area_id', 'tasks.health', sql<number>`case when tasks.state = 'closed' then 1 else 0 end`.as('closed'), eb.fn.countAll<number>().as('n')])
    .groupBy(['tasks.programme_id', 'tasks.area_id', 'tasks.health', sql`case when tasks.state = 'closed' then 1 else 0 end`])
    .execute();
}
