/** Lookups an import checks its rows against: active units, their people, the programme's areas and task titles. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export async function activeUnits(db: Kysely<DB>): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('units').select(['id', 'name']).where('active', '=', 1).execute();
}

export async function usersOfUnits(db: Kysely<DB>, unitIds: string[]): Promise<Array<{ id: string; username: string; displayName: string; unitId: string }>> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'unit_id']).where('active', '=', 1).execute();
  const wanted = new Set(unitIds);
  return rows.filter((r) => wanted.has(r.unit_id)).map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, unitId: r.unit_id }));
}

/** The programme's work areas (top-level tasks). */
export async function areasOf(db: Kysely<DB>, programmeId: string): Promise<Array<{ id: string; title: string }>> {
  return db.selectFrom('tasks').select(['id', 'title']).where('programme_id', '=', programmeId).where('parent_id', 'is', null).orderBy('ordinal').execute();
}

/** Normalised titles of the programme's tasks (not areas), for duplicate checks. */
export async function titleKeysOf(db: Kysely<DB>, programmeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('tasks').select('title_norm').where('programme_id', '=', programmeId).where('parent_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.title_norm));
}
