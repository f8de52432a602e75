/** Sets of drafts as subqueries, for other modules to compose into their own queries without naming `programme_drafts`. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The ids of the drafts a clause on `programme_drafts` admits (such as `visibleDraftsWhere(actor)`). */
export function draftIdsWhere(eb: ExpressionBuilder<DB, keyof DB>, where: (eb: ExpressionBuilder<DB, 'programme_drafts'>) => Expression<SqlBool>) {
  return eb.selectFrom('programme_drafts').select('programme_drafts.id').where(where);
}
