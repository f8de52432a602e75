/** Facts of instructions (批示) over a period, for the evaluations: which task's lead unit had one to answer, when. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskLeadUnitOf, taskTitleOf } from '../tasks/index.ts';

/** Instructions given between two instants, inclusive, on tasks with a lead unit: the task's title and lead unit. */
export async function instructionsGivenBetween(db: Kysely<DB>, from: string, to: string): Promise<Array<{ id: string; taskId: string; taskTitle: string; leadUnitId: string; createdAt: string }>> {
  const rows = await db
    .selectFrom('instructions')
    .select((eb) => [
      'instructions.id',
      'instructions.task_id',
      'instructions.created_at',
      taskTitleOf(eb, eb.ref('instructions.task_id')).as('task_title'),
      taskLeadUnitOf(eb, eb.ref('instructions.task_id')).as('lead_unit_id'),
    ])
    .where('instructions.created_at', '>=', from)
    .where('instructions.created_at', '<=', to)
    .execute();
  return rows.flatMap((r) => (r.lead_unit_id ? [{ id: r.id, taskId: r.task_id, taskTitle: r.task_title ?? '', leadUnitId: r.lead_unit_id, createdAt: r.created_at }] : []));
}
