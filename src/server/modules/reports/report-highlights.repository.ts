/** Facts of submitted and accepted reports that a ledger or a briefing shows beside the tasks. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskIdsOfProgramme } from '../tasks/index.ts';

const CHUNK = 500;

export interface LatestReport {
  taskId: string;
  unitId: string;
  submittedAt: string;
  progress: number;
  text: string;
  state: string;
}

/** Each task's most recently submitted report (submitted or accepted) among those `visible` lets the reader see. */
export async function latestSubmittedReports(
  db: Kysely<DB>,
  taskIds: readonly string[],
  visible: (eb: ExpressionBuilder<DB, 'reports'>) => Expression<SqlBool>,
): Promise<Map<string, LatestReport>> {
  const map = new Map<string, LatestReport>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('reports')
      .select(['task_id', 'unit_id', 'submitted_at', 'progress', 'text', 'state'])
      .where('task_id', 'in', taskIds.slice(i, i + CHUNK))
      .where('state', 'in', ['submitted', 'accepted'])
      .where('submitted_at', 'is not', null)
      .where(visible)
      .orderBy('task_id')
      .orderBy('submitted_at', 'desc')
      .execute();
    for (const r of rows) {
      if (map.has(r.task_id)) continue;
      map.set(r.task_id, { taskId: r.task_id, unitId: r.unit_id, submittedAt: r.submitted_at!, progress: Number(r.progress), text: r.text, state: r.state });
    }
  }
  return map;
}

export interface FirstTimeAcceptance {
  taskId: string;
  unitId: string;
  periodKey: string;
  reviewedAt: string;
}

/** Reports of the programme accepted at their first submission, reviewed within [from, to), in order of review. */
export async function firstTimeAcceptances(db: Kysely<DB>, programmeId: string, from: string, to: string): Promise<FirstTimeAcceptance[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['reports.task_id', 'reports.unit_id', 'reports.period_key', 'reports.reviewed_at'])
    .where((eb) => eb('reports.task_id', 'in', taskIdsOfProgramme(eb, programmeId)))
    .where('reports.state', '=', 'accepted')
    .where('reports.revision', '=', 1)
    .where('reports.reviewed_at', '>=', from)
    .where('reports.reviewed_at', '<', to)
    .orderBy('reports.reviewed_at')
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, periodKey: r.period_key, reviewedAt: r.reviewed_at! }));
}
