/** Units' names for other modules' pages, sheets and imports. */
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

/** Ids per statement when reading by a list of ids. */
const CHUNK = 500;

/** The names of the given units, by id (a unit that does not exist is absent), one query per 500 ids. */
export async function unitNamesOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unique.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}
