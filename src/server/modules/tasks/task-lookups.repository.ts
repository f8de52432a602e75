/**
 * Facts of tasks for the modules that keep their own rows beside tasks (an inspection's target tasks and findings, a
 * 传达学习 campaign's units): correlated subqueries they select beside their rows in the same statement, and small
 * batch reads.
 */
import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** A task's title as a correlated subquery: `.select((eb) => taskTitleOf(eb, eb.ref('x.task_id')).as('title'))`. */
export function taskTitleOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string | null>) {
  return eb.selectFrom('tasks').select('tasks.title').where('tasks.id', '=', taskId);
}

/** A task's state as a correlated subquery; null when the id is null. */
export function taskStateOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string | null>) {
  return eb.selectFrom('tasks').select('tasks.state').where('tasks.id', '=', taskId);
}

/** A task's due date as a correlated subquery; null when the id is null or the task has none. */
export function taskDueDateOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string | null>) {
  return eb.selectFrom('tasks').select('tasks.due_date').where('tasks.id', '=', taskId);
}

/** A task's lead unit as a correlated subquery; null when the id is null or the task has none yet. */
export function taskLeadUnitOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string | null>) {
  return eb.selectFrom('tasks').select('tasks.lead_unit_id').where('tasks.id', '=', taskId);
}

/** Which of these tasks belong to the programme, one query per 500 ids. */
export async function taskIdsInProgramme(db: Kysely<DB>, programmeId: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const out = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('tasks').select('id').where('id', 'in', unique.slice(i, i + 500)).where('programme_id', '=', programmeId).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** A task's state alone, or null when there is no such task. */
export async function findTaskState(db: Kysely<DB>, id: string): Promise<string | null> {
  return (await db.selectFrom('tasks').select('state').where('id', '=', id).executeTakeFirst())?.state ?? null;
}

/** The lead and co-units of the programme's tasks past draft (handed out), each once. */
export async function unitIdsOfProgrammeTasks(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  const lead = await db.selectFrom('tasks').select('lead_unit_id as unit_id').where('programme_id', '=', programmeId).where('state', '!=', 'draft').where('lead_unit_id', 'is not', null).distinct().execute();
  const co = await db
    .selectFrom('task_co_units')
    .innerJoin('tasks', 'tasks.id', 'task_co_units.task_id')
    .select('task_co_units.unit_id')
    .where('tasks.programme_id', '=', programmeId)
    .where('tasks.state', '!=', 'draft')
    .distinct()
    .execute();
  return [...new Set([...lead.map((r) => r.unit_id!), ...co.map((r) => r.unit_id)])];
}
