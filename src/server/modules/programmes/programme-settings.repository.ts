/** Programme settings other modules apply to the programme's tasks. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Each programme's stored reminder override (JSON text, null when it has none), by id; a missing programme is absent. */
export async function reminderConfigsOf(db: Kysely<DB>, programmeIds: readonly string[]): Promise<Map<string, string | null>> {
  if (programmeIds.length === 0) return new Map();
  const rows = await db.selectFrom('programmes').select(['id', 'reminder_config_json']).where('id', 'in', [...programmeIds]).execute();
  return new Map(rows.map((r) => [r.id, r.reminder_config_json]));
}
