/** Which reports the tasks have, by unit and period, and in what state: what reminders about owed reports look at. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

// Bound parameters per statement stay well under SQLite's limit (999 in older builds).
const CHUNK = 500;

export interface TaskReportState {
  taskId: string;
  unitId: string;
  periodKey: string;
  state: string;
}

/** The reports of these tasks (unit, period, state), in one query per 500 tasks. */
export async function reportStatesOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<TaskReportState[]> {
  const unique = [...new Set(taskIds)];
  const out: TaskReportState[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.selectFrom('reports').select(['task_id', 'unit_id', 'period_key', 'state']).where('task_id', 'in', unique.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.push({ taskId: r.task_id, unitId: r.unit_id, periodKey: r.period_key, state: r.state });
  }
  return out;
}
