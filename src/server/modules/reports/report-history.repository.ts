/** The review history (report_events) of every report on a task, with each report's unit and period, for its timeline. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export interface ReportEventRecord {
  id: string;
  type: string;
  at: Date;
  actorId: string | null;
  reason: string | null;
  revision: number;
  reportId: string;
  unitId: string;
  periodKey: string;
}

export async function listReportEventsOfTask(db: Kysely<DB>, taskId: string): Promise<ReportEventRecord[]> {
  const rows = await db
    .selectFrom('report_events')
    .innerJoin('reports', 'reports.id', 'report_events.report_id')
    .select(['report_events.id', 'report_events.type', 'report_events.at', 'report_events.actor_id', 'report_events.reason', 'report_events.revision', 'reports.id as report_id', 'reports.unit_id', 'reports.period_key'])
    .where('reports.task_id', '=', taskId)
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type, at: new Date(r.at), actorId: r.actor_id, reason: r.reason, revision: Number(r.revision), reportId: r.report_id, unitId: r.unit_id, periodKey: r.period_key }));
}
