/** Facts of reports over a period (first submissions, acceptances, submissions of given tasks), for the evaluations. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskTitleOf } from '../tasks/index.ts';

/** Ids per statement when reading by a list of ids. */
const CHUNK = 500;

/** Reports first submitted between two instants, inclusive: by which unit, on which task (with its title), late or not. */
export async function reportsFirstSubmittedBetween(db: Kysely<DB>, from: string, to: string): Promise<Array<{ taskId: string; taskTitle: string; unitId: string; late: boolean }>> {
  const rows = await db
    .selectFrom('reports')
    .select((eb) => ['reports.task_id', 'reports.unit_id', 'reports.late', taskTitleOf(eb, eb.ref('reports.task_id')).as('task_title')])
    .where('reports.first_submitted_at', '>=', from)
    .where('reports.first_submitted_at', '<=', to)
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, taskTitle: r.task_title ?? '', unitId: r.unit_id, late: Number(r.late) === 1 }));
}

/** Reports accepted between two instants, inclusive: by which unit, on which task (with its title), at which revision. */
export async function reportsAcceptedBetween(db: Kysely<DB>, from: string, to: string): Promise<Array<{ taskId: string; taskTitle: string; unitId: string; revision: number }>> {
  const rows = await db
    .selectFrom('reports')
    .select((eb) => ['reports.task_id', 'reports.unit_id', 'reports.revision', taskTitleOf(eb, eb.ref('reports.task_id')).as('task_title')])
    .where('reports.state', '=', 'accepted')
    .where('reports.reviewed_at', '>=', from)
    .where('reports.reviewed_at', '<=', to)
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, taskTitle: r.task_title ?? '', unitId: r.unit_id, revision: Number(r.revision) }));
}

/** The submitted reports on the given tasks: which unit, first and latest submission (one query per 500 tasks). */
export async function submissionsOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<Array<{ taskId: string; unitId: string; firstSubmittedAt: string | null; submittedAt: string | null }>> {
  const unique = [...new Set(taskIds)];
  const out: Array<{ taskId: string; unitId: string; firstSubmittedAt: string | null; submittedAt: string | null }> = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('reports')
      .select(['task_id', 'unit_id', 'first_submitted_at', 'submitted_at'])
      .where('task_id', 'in', unique.slice(i, i + CHUNK))
      .where('submitted_at', 'is not', null)
      .execute();
    for (const r of rows) out.push({ taskId: r.task_id, unitId: r.unit_id, firstSubmittedAt: r.first_submitted_at, submittedAt: r.submitted_at });
  }
  return out;
}
