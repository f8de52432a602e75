/** Facts of units that other modules look up by id: names, and heads as a subquery for the users module's reads. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Unit names by id (a unit that does not exist is absent), in one query. */
export async function unitNamesOf(db: Kysely<DB>, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...unitIds]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The heads of these units as a subquery of user ids (null where a unit has none), for `users.activeUserContacts` —
 * the heads' addresses in one statement.
 */
export function headsOfUnits(eb: ExpressionBuilder<DB, keyof DB>, unitIds: readonly string[]) {
  return eb.selectFrom('units').select('units.head_user_id as user_id').where('units.id', 'in', [...unitIds]);
}
