/** A programme's outline as other modules show or check it: its work areas and the titles of its tasks. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

const CHUNK = 500;

export interface AreaHeading {
  id: string;
  title: string;
  ordinal: number;
}

/** Title and position of the tasks with these ids (an export heads a sheet with its work area), by id. */
export async function areaHeadingsOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, AreaHeading>> {
  const unique = [...new Set(ids)];
  const map = new Map<string, AreaHeading>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.selectFrom('tasks').select(['id', 'title', 'ordinal']).where('id', 'in', unique.slice(i, i + CHUNK)).execute();
    for (const r of rows) map.set(r.id, { id: r.id, title: r.title, ordinal: Number(r.ordinal) });
  }
  return map;
}

/** The programme's work areas (top-level tasks), in their order. */
export async function areasOfProgramme(db: Kysely<DB>, programmeId: string): Promise<Array<{ id: string; title: string }>> {
  return db.selectFrom('tasks').select(['id', 'title']).where('programme_id', '=', programmeId).where('parent_id', 'is', null).orderBy('ordinal').execute();
}

/** Normalised titles of the programme's tasks below its work areas, for duplicate checks. */
export async function taskTitleKeysOf(db: Kysely<DB>, programmeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('tasks').select('title_norm').where('programme_id', '=', programmeId).where('parent_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.title_norm));
}
