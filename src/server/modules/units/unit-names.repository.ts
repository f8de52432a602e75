/** Units' names by id, for other modules' pages that name the units of rows they already hold. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

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
