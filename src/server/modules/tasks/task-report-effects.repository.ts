/** The writes an accepted report makes to its task (see task-report-effects.ts), each a single statement. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { TaskState } from '../../../core/tasks/index.ts';

/** The task's milestones with their status, in order. */
export async function milestoneStatusesOf(db: Kysely<DB>, taskId: string): Promise<Array<{ id: string; title: string; status: string }>> {
  return db.selectFrom('milestones').select(['id', 'title', 'status']).where('task_id', '=', taskId).orderBy('ordinal').execute();
}

/** Sets the task's own progress figure; derived (from reports), so it does not bump the version. */
export async function setTaskProgress(db: Kysely<DB>, taskId: string, progress: number): Promise<void> {
  await db.updateTable('tasks').set({ progress }).where('id', '=', taskId).execute();
}

/** Marks a milestone done, bumping its version like a hand-made edit; a milestone already done is left. */
export async function markMilestoneDone(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('milestones').set((eb) => ({ status: 'done', done_at: at, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', id).where('status', '!=', 'done').execute();
}

/** Moves the task to `to` only if it is still in `from`; false when someone else moved it meanwhile. */
export async function moveTaskStateIf(db: Kysely<DB>, taskId: string, from: TaskState, to: TaskState, at: string): Promise<boolean> {
  const moved = await db
    .updateTable('tasks')
    .set((eb) => ({ state: to, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', taskId)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}
