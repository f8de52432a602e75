/** Units' names for other modules' sheets and imports (the organisation tree is small: read whole). */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Every unit's name (inactive units too: old rows still name them), by id. */
export async function unitNamesById(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active units' ids and names, the ones new work may be given to. */
export async function activeUnitNames(db: Kysely<DB>): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('units').select(['id', 'name']).where('active', '=', 1).execute();
}
