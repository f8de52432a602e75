/**
 * Facts of tasks for the modules that read them without naming this module's tables: the tasks a unit works on (a
 * subquery), titles by id, and the
 * timeliness facts of a period (交办, due dates, days overdue) that the evaluations score.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Ids per statement when reading by a list of ids. */
const CHUNK = 500;

/** The ids of the published tasks a unit leads or helps, as a subquery for `eb('x.task_id', 'in', …)`. */
export function publishedTasksOfUnit(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb
    .selectFrom('tasks')
    .select('tasks.id')
    .where('tasks.state', '!=', 'draft')
    .where((w) => w.or([w('tasks.lead_unit_id', '=', unitId), w('tasks.id', 'in', w.selectFrom('task_co_units').select('task_co_units.task_id').where('task_co_units.unit_id', '=', unitId))]));
}

/** Titles, labels and programmes of the given tasks (absent when a task does not exist), one query per 500 ids. */
export async function taskTitlesOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { title: string; label: string | null; programmeId: string }>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, { title: string; label: string | null; programmeId: string }>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.selectFrom('tasks').select(['id', 'title', 'label', 'programme_id']).where('id', 'in', unique.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.id, { title: r.title, label: r.label, programmeId: r.programme_id });
  }
  return out;
}

/** Tasks handed to a lead unit (交办) between two instants, inclusive, with when they were signed for. */
export async function tasksAssignedBetween(db: Kysely<DB>, from: string, to: string): Promise<Array<{ id: string; title: string; leadUnitId: string; assignedAt: string; signedAt: string | null }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'assigned_at', 'signed_at'])
    .where('lead_unit_id', 'is not', null)
    .where('assigned_at', '>=', from)
    .where('assigned_at', '<=', to)
    .execute();
  return rows.map((t) => ({ id: t.id, title: t.title, leadUnitId: t.lead_unit_id!, assignedAt: t.assigned_at!, signedAt: t.signed_at }));
}

/** Published tasks with a lead unit that fall due between two days, inclusive, with when they were closed. */
export async function tasksDueBetween(db: Kysely<DB>, fromDay: string, toDay: string): Promise<Array<{ id: string; title: string; leadUnitId: string; dueDate: string; closedAt: string | null; taskType: string | undefined }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'due_date', 'closed_at', 'task_type'])
    .where('lead_unit_id', 'is not', null)
    .where('state', '!=', 'draft')
    .where('due_date', '>=', fromDay)
    .where('due_date', '<=', toDay)
    .execute();
  return rows.map((t) => ({ id: t.id, title: t.title, leadUnitId: t.lead_unit_id!, dueDate: t.due_date!, closedAt: t.closed_at, taskType: t.task_type }));
}

/**
 * Tasks with a lead unit, neither draft nor suspended, due before `beforeDay` and not closed before `openAt`: those
 * that may have been open past their due day during a period (the caller counts the days).
 */
export async function tasksPastDueDuring(db: Kysely<DB>, beforeDay: string, openAt: string): Promise<Array<{ id: string; title: string; leadUnitId: string; dueDate: string; closedAt: string | null }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'due_date', 'closed_at'])
    .where('lead_unit_id', 'is not', null)
    .where('state', 'not in', ['draft', 'suspended'])
    .where('due_date', '<', beforeDay)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', openAt)]))
    .execute();
  return rows.map((t) => ({ id: t.id, title: t.title, leadUnitId: t.lead_unit_id!, dueDate: t.due_date!, closedAt: t.closed_at }));
}
