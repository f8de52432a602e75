/** When units last changed, for the modules whose cached pages show unit names. */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The latest change of any unit (a rename shows on every page that names it), as a one-value subquery. */
export function unitsChangedAt(eb: ExpressionBuilder<DB, keyof DB>) {
  return eb.selectFrom('units').select((e) => e.fn.max('units.updated_at').as('v'));
}
