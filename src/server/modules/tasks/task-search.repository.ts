/**
 * What the search index and the search query need of tasks: the tasks' own rows in the index's source shape, and
 * subqueries of task ids that other modules compose into their own statements without naming this module's tables.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SourceSelection, TaskSource } from '../search-index/index.ts';

/** Tasks by id, or a page of all tasks after `after` (for the rebuild), as the search index reads them. */
export async function taskSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<TaskSource[]> {
  let q = db.selectFrom('tasks').select(['id', 'title', 'description', 'updated_at']);
  q = 'ids' in by ? q.where('id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('id', '>', by.after).orderBy('id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at }));
}

/**
 * A task's title as a correlated subquery, so another module's statement shows it beside its rows without naming this
 * table: `.select((eb) => taskTitleOf(eb, eb.ref('reports.task_id')).as('task_title'))`. Null when there is no such task.
 */
export function taskTitleOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string | null>) {
  return eb.selectFrom('tasks').select('tasks.title').where('tasks.id', '=', taskId);
}

/** The ids of the tasks a WHERE clause on `tasks` admits (such as `visibleTasksWhere(actor)`), as a subquery. */
export function taskIdsWhere(eb: ExpressionBuilder<DB, keyof DB>, where: (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>) {
  return eb.selectFrom('tasks').select('tasks.id').where(where);
}

/** The ids of a programme's tasks, as a subquery. */
export function taskIdsOfProgramme(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string) {
  return eb.selectFrom('tasks').select('tasks.id').where('tasks.programme_id', '=', programmeId);
}

/** The ids of the tasks a unit leads, as a subquery. */
export function taskIdsLedBy(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb.selectFrom('tasks').select('tasks.id').where('tasks.lead_unit_id', '=', unitId);
}

/** The ids of the tasks a unit is a co-unit of, as a subquery. */
export function taskIdsCoHandledBy(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb.selectFrom('task_co_units').select('task_co_units.task_id').where('task_co_units.unit_id', '=', unitId);
}
