/**
 * The homes' read model: 批示 with what came of them, overdue tasks no reminder has gone out for. Scoped in SQL by
 * the tasks module's own WHERE clause (`ledgerWhere`), like the ledger.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { HealthResult } from '../../../core/tasks/index.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';

type TaskWhere = (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>;

/** Recent instructions on tasks `where` selects (and, when given, by one author), each with what happened since. */
export async function instructionOutcomes(db: Kysely<DB>, where: TaskWhere, authorId: string | null, since: string, limit: number) {
  const base = db
    .selectFrom('instructions')
    .innerJoin('tasks', 'tasks.id', 'instructions.task_id')
    .where((eb) => where(eb as unknown as ExpressionBuilder<DB, 'tasks'>))
    .where('instructions.created_at', '>=', since)
    .$if(authorId !== null, (q) => q.where('instructions.author_id', '=', authorId!));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select((eb) => [
      'instructions.id',
      'instructions.task_id',
      'instructions.report_id',
      'instructions.author_id',
      'instructions.text',
      'instructions.created_at',
      'tasks.title',
      'tasks.state',
      'tasks.health',
      'tasks.health_json',
      eb.selectFrom('reports').select((r) => r.fn.countAll<number>().as('n')).whereRef('reports.task_id', '=', 'instructions.task_id').whereRef('reports.submitted_at', '>', 'instructions.created_at').as('reports_since'),
      eb.selectFrom('task_events').select((r) => r.fn.countAll<number>().as('n')).whereRef('task_events.task_id', '=', 'instructions.task_id').whereRef('task_events.at', '>', 'instructions.created_at').as('events_since'),
      eb.selectFrom('task_events').select('task_events.to_state').whereRef('task_events.task_id', '=', 'instructions.task_id').whereRef('task_events.at', '<=', 'instructions.created_at').orderBy('task_events.at', 'desc').limit(1).as('state_before'),
      eb.selectFrom('task_events').select('task_events.from_state').whereRef('task_events.task_id', '=', 'instructions.task_id').whereRef('task_events.at', '>', 'instructions.created_at').orderBy('task_events.at', 'asc').limit(1).as('state_after'),
    ])
    .orderBy('instructions.created_at', 'desc')
    .orderBy('instructions.id', 'desc')
    .limit(limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const reportsSince = Number(r.reports_since ?? 0);
      const transitionsSince = Number(r.events_since ?? 0);
      return {
        id: r.id,
        taskId: r.task_id,
        taskTitle: r.title,
        reportId: r.report_id,
        authorId: r.author_id,
        text: r.text,
        createdAt: r.created_at,
        // The state when the instruction was written: the last step before it, else the first step after it started from.
        stateThen: r.state_before ?? r.state_after ?? r.state,
        stateNow: r.state,
        health: r.health,
        reason: fromJson<HealthResult>(r.health_json)?.summary ?? null,
        reportsSince,
        transitionsSince,
        answered: reportsSince + transitionsSince > 0,
      };
    }),
  };
}

/** Ids of overdue tasks `where` selects that no 催办, 督办 or manual reminder has gone out for since the due date. */
export function unremindedWhere(today: string, overdueStates: readonly string[]) {
  return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> =>
    eb.and([
      eb('tasks.state', 'in', [...overdueStates]),
      eb('tasks.due_date', '<', today),
      eb.not(
        eb.exists(
          eb
            .selectFrom('notices')
            .select('notices.id')
            .whereRef('notices.task_id', '=', 'tasks.id')
            .where('notices.kind', 'in', ['remind', 'escalate', 'manual'])
            // ISO timestamps and dates compare as text: any notice from the due day on counts.
            .where(sql<SqlBool>`notices.created_at >= tasks.due_date`),
        ),
      ),
    ]);
}
