/** The indicators module hands each task its indicator facts here; the task's light is then recomputed at once. */
import type { Kysely } from 'kysely';
import type { IndicatorFact } from '../../../core/indicators/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { refreshTaskAndAncestors } from './task-health.ts';
import { updateIndicatorFacts } from './tasks.repository.ts';

/** Replaces the task's indicator facts and refreshes its health and its ancestors', in the caller's transaction. */
export async function setTaskIndicatorFacts(db: Kysely<DB>, taskId: string, facts: readonly IndicatorFact[], now: Date): Promise<void> {
  await updateIndicatorFacts(db, taskId, facts);
  await refreshTaskAndAncestors(db, taskId, now);
}
