/** People by unit, for other modules: who may be named in a unit's work, and the office a user writes for. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { unitNameOf } from '../units/index.ts';

/** The name of a user's unit (a briefing's issuing office), or null when there is no such user. */
export async function unitNameOfUser(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select((eb) => unitNameOf(eb, eb.ref('users.unit_id')).as('unit_name'))
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row?.unit_name ?? null;
}

/** The active users of these units. */
export async function activeUsersOfUnits(db: Kysely<DB>, unitIds: readonly string[]): Promise<Array<{ id: string; username: string; displayName: string; unitId: string }>> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'unit_id']).where('active', '=', 1).execute();
  const wanted = new Set(unitIds);
  return rows.filter((r) => wanted.has(r.unit_id)).map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, unitId: r.unit_id }));
}
