/** Notices as parts of other modules' statements: conditions on a task row that only the notices can answer. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Whether a 催办, 督办 or manual reminder has gone out for the task since its due date, as a condition on `tasks`. */
export function remindedSinceDue(eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('notices')
      .select('notices.id')
      .whereRef('notices.task_id', '=', 'tasks.id')
      .where('notices.kind', 'in', ['remind', 'escalate', 'manual'])
      // ISO timestamps and dates compare as text: any notice from the due day on counts.
      .where(sql<SqlBool>`notices.created_at >= tasks.due_date`),
  );
}
