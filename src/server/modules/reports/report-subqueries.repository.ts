/**
 * Reports as parts of other modules' statements: which reports a list takes (WHERE clauses on `reports` and their
 * tasks), the columns a list of reports shows, and counts beside another module's row. Each is a subquery the caller composes into its own
 * statement, so a list that is one statement stays one and only this module names its tables.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskSummaries, taskWhere, type TaskWhere } from '../tasks/index.ts';

/** A condition on a `reports` row. */
export type ReportWhere = (eb: ExpressionBuilder<DB, 'reports'>) => Expression<SqlBool>;

/** A list of reports: which reports, and which of their tasks (the task is joined, for its title too). */
export interface ReportList {
  reports: ReportWhere;
  tasks: TaskWhere;
}

/** The lists of reports other modules show. */
export const reportLists = {
  /** Returned to the unit, on a task still in one of these states. */
  returnedTo: (unitId: string, taskStates: readonly string[]): ReportList => ({
    reports: (eb) => eb.and([eb('reports.state', '=', 'returned'), eb('reports.unit_id', '=', unitId)]),
    tasks: taskWhere.inStates(taskStates),
  }),
  /** Submitted in a programme the user supervises, and not written by them (nobody reviews their own report). */
  awaitingReviewBy: (supervisorId: string): ReportList => ({
    reports: (eb) =>
      eb.and([
        eb('reports.state', '=', 'submitted'),
        // writer_ids_json is a JSON array of UUIDs; a UUID holds no LIKE wildcard, so the quoted id matches literally.
        eb('reports.writer_ids_json', 'not like', `%${JSON.stringify(supervisorId)}%`),
      ]),
    tasks: taskWhere.supervisedBy(supervisorId),
  }),
  /** The unit's reports on the tasks `where` takes. */
  ofUnitOn: (unitId: string, where: TaskWhere): ReportList => ({ reports: (eb) => eb('reports.unit_id', '=', unitId), tasks: where }),
};

/**
 * What a list of reports shows, with its task's title: a subquery to select from. It joins the tasks module's own
 * subquery of the list's tasks and holds no LIMIT, ORDER or aggregate, so both dialects fold both into the outer
 * statement — the plain join of reports and tasks, planned as before the tasks moved behind their module's exports —
 * and the columns the caller does not read cost nothing.
 */
export function reportSummaries(eb: ExpressionBuilder<DB, keyof DB>, list: ReportList) {
  return eb
    .selectFrom('reports')
    .innerJoin((j) => taskSummaries(j as unknown as ExpressionBuilder<DB, keyof DB>, list.tasks).as('t'), (join) => join.onRef('t.id', '=', 'reports.task_id'))
    .where((w) => list.reports(w as unknown as ExpressionBuilder<DB, 'reports'>))
    .select([
      'reports.id',
      'reports.task_id',
      't.title as task_title',
      'reports.unit_id',
      'reports.period_key',
      'reports.state',
      'reports.revision',
      'reports.late',
      'reports.submitted_at',
      'reports.reviewed_at',
      'reports.return_reason',
    ]);
}

/** How many of the task's reports were submitted after `at`. */
export function reportsSubmittedAfter(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string>, at: Expression<string>) {
  return eb
    .selectFrom('reports')
    .select((r) => r.fn.countAll<number>().as('n'))
    .where('reports.task_id', '=', taskId)
    .where('reports.submitted_at', '>', at);
}

/** The locked periods of these programmes, as `programmeId|periodKey` (one query per 500 programmes). */
export async function lockedPeriodsOf(db: Kysely<DB>, programmeIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const ids = [...new Set(programmeIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('period_locks').select(['programme_id', 'period_key']).where('programme_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.add(`${r.programme_id}|${r.period_key}`);
  }
  return out;
}
