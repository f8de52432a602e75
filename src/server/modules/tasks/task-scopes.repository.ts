/** Sets of tasks as subqueries, for other modules to compose into their own queries without naming `tasks`. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The ids of the tasks a clause on `tasks` admits (such as `visibleTasksWhere(actor)`): `eb('x.task_id', 'in', …)`. */
export function taskIdsWhere(eb: ExpressionBuilder<DB, keyof DB>, where: (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>) {
  return eb.selectFrom('tasks').select('tasks.id').where(where);
}

/** The ids of a programme's tasks (work areas included), as a subquery. */
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
