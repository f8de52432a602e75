/**
 * Report counters per task and reporting unit (`report_counters`): first submissions, on time, accepted, accepted at
 * the first submission. Moved in the transaction that submits or accepts a report, so dashboards read sums over tasks
 * instead of scanning every report (see docs/ARCHITECTURE.md, "Roll-ups").
 */
import { sql, type Kysely, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskIdsWhere, type TaskWhere } from '../tasks/index.ts';

export interface ReportCounts {
  submitted: number;
  onTime: number;
  accepted: number;
  acceptedFirst: number;
}

/** Adds to one task-and-unit's counters, creating the row on its first report (an upsert both dialects know). */
export async function bumpReportCounters(db: Kysely<DB>, taskId: string, unitId: string, delta: Partial<ReportCounts>): Promise<void> {
  const d = { submitted: delta.submitted ?? 0, on_time: delta.onTime ?? 0, accepted: delta.accepted ?? 0, accepted_first: delta.acceptedFirst ?? 0 };
  await db
    .insertInto('report_counters')
    .values({ task_id: taskId, unit_id: unitId, ...d })
    .onConflict((oc) =>
      oc.columns(['task_id', 'unit_id']).doUpdateSet({
        submitted: sql`report_counters.submitted + ${d.submitted}`,
        on_time: sql`report_counters.on_time + ${d.on_time}`,
        accepted: sql`report_counters.accepted + ${d.accepted}`,
        accepted_first: sql`report_counters.accepted_first + ${d.accepted_first}`,
      }),
    )
    .execute();
}

const ZERO: ReportCounts = { submitted: 0, onTime: 0, accepted: 0, acceptedFirst: 0 };

/**
 * Sums the counters of the tasks `taskWhere` selects (a scope on `tasks`, e.g. the ledger's filter), in total and
 * per reporting unit. One grouped query over task-level rows: its cost follows the number of tasks, not of reports.
 */
export async function sumReportCounters(
  db: Kysely<DB>,
  taskWhere: TaskWhere,
): Promise<{ total: ReportCounts; byUnit: Map<string, ReportCounts> }> {
  const rows = await db
    .selectFrom('report_counters')
    .innerJoin((eb) => taskIdsWhere(eb as unknown as ExpressionBuilder<DB, keyof DB>, taskWhere).as('t'), (join) => join.onRef('t.id', '=', 'report_counters.task_id'))
    .select((eb) => [
      'report_counters.unit_id as unitId',
      eb.fn.sum<number>('report_counters.submitted').as('submitted'),
      eb.fn.sum<number>('report_counters.on_time').as('onTime'),
      eb.fn.sum<number>('report_counters.accepted').as('accepted'),
      eb.fn.sum<number>('report_counters.accepted_first').as('acceptedFirst'),
    ])
    .groupBy('report_counters.unit_id')
    .execute();
  const total = { ...ZERO };
  const byUnit = new Map<string, ReportCounts>();
  for (const r of rows) {
    const c = { submitted: Number(r.submitted ?? 0), onTime: Number(r.onTime ?? 0), accepted: Number(r.accepted ?? 0), acceptedFirst: Number(r.acceptedFirst ?? 0) };
    byUnit.set(r.unitId, c);
    total.submitted += c.submitted;
    total.onTime += c.onTime;
    total.accepted += c.accepted;
    total.acceptedFirst += c.acceptedFirst;
  }
  return { total, byUnit };
}
