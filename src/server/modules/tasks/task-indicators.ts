/** The indicators module hands each task its indicator facts here; the task's light is then recomputed at once. */
import type { Kysely } from 'kysely';
import type { IndicatorFact } from '../../../core/indicators/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { refreshTaskAndAncestors } from './task-health.ts';
import { updateIndicatorFacts } from './tasks.repository.ts';

/** Replaces the task's indicator facts and refreshes its health and its ancestors', in the caller's transaction. */
export async function setTaskIndicatorFacts(db: Kysely<DB>, taskId: string, facts: readonly IndicatorFact[], now: Date): Promise<void> {
  await updateIndicatorFacts(db, taskId, facts);
  await refreshTaskAndAncestors(db, taskId, now);
}

/** A programme's tasks that carry decomposed targets (value, unit, direction), for making indicators of them. */
export async function listProgrammeTargets(db: Kysely<DB>, programmeId: string): Promise<Array<{ taskId: string; title: string; state: string; leadUnitId: string | null; startDate: string | null; dueDate: string | null; targets: unknown[] }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'state', 'lead_unit_id', 'start_date', 'due_date', 'targets_json'])
    .where('programme_id', '=', programmeId)
    .where('targets_json', '!=', '[]')
    .orderBy('depth')
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ taskId: r.id, title: r.title, state: r.state, leadUnitId: r.lead_unit_id, startDate: r.start_date, dueDate: r.due_date, targets: fromJson<unknown[]>(r.targets_json) ?? [] }));
}
