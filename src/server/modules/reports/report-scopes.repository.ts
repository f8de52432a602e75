/** Sets of reports as subqueries, for other modules to compose into their own queries without naming `reports`. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The ids of the reports a clause on `reports` admits (such as `visibleReportsWhere(actor)`): `eb('x.report_id', 'in', …)`. */
export function reportIdsWhere(eb: ExpressionBuilder<DB, keyof DB>, where: (eb: ExpressionBuilder<DB, 'reports'>) => Expression<SqlBool>) {
  return eb.selectFrom('reports').select('reports.id').where(where);
}
