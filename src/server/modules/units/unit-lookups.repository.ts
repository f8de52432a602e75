/** Units' heads as a subquery, for the users module's reads of their addresses. */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/**
 * The heads of these units as a subquery of user ids (null where a unit has none), for `users.activeUserContacts` —
 * the heads' addresses in one statement.
 */
export function headsOfUnits(eb: ExpressionBuilder<DB, keyof DB>, unitIds: readonly string[]) {
  return eb.selectFrom('units').select('units.head_user_id as user_id').where('units.id', 'in', [...unitIds]);
}
