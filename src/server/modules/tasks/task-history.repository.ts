/** A task's recorded lifecycle events (task_events), oldest first, for its timeline. */
import type { Kysely } from 'kysely';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface TaskEventRecord {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
}

export async function listTaskEvents(db: Kysely<DB>, taskId: string): Promise<TaskEventRecord[]> {
  const rows = await db.selectFrom('task_events').selectAll().where('task_id', '=', taskId).orderBy('at').orderBy('id').execute();
  return rows.map((e) => ({ id: e.id, at: new Date(e.at), action: e.action, actorId: e.actor_id, fromState: e.from_state, toState: e.to_state, reason: e.reason, data: fromJson(e.data_json) }));
}
