/** Sets of programmes as subqueries, for other modules to compose into their own queries without naming `programmes`. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The ids of the programmes a clause on `programmes` admits (such as `visibleProgrammesWhere(actor)`). */
export function programmeIdsWhere(eb: ExpressionBuilder<DB, keyof DB>, where: (eb: ExpressionBuilder<DB, 'programmes'>) => Expression<SqlBool>) {
  return eb.selectFrom('programmes').select('programmes.id').where(where);
}
