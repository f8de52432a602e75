/**
 * The homes' read model: 批示 with what came of them, overdue tasks no reminder has gone out for. Scoped in SQL by
 * the tasks module's own WHERE clause (`ledgerWhere`), like the ledger.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { HealthResult } from '../../../core/tasks/index.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';
import { instructionSummaries, instructionWhere, type InstructionWhere } from '../instructions/index.ts';
import { remindedSinceDue } from '../notices/index.ts';
import { reportsSubmittedAfter } from '../reports/index.ts';
import { taskStateAt, taskStepsAfter, taskSummaries, taskWhere, type TaskWhere } from '../tasks/index.ts';

// The owners' subqueries, read as derived tables that both dialects fold into the one statement.
const owned = (eb: unknown) => eb as ExpressionBuilder<DB, keyof DB>;

/** Recent instructions on tasks `where` selects (and, when given, by one author), each with what happened since. */
export async function instructionOutcomes(db: Kysely<DB>, where: TaskWhere, authorId: string | null, since: string, limit: number) {
  const written: InstructionWhere[] = [instructionWhere.since(since), ...(authorId !== null ? [instructionWhere.by(authorId)] : [])];
  const base = db
    .selectFrom((eb) => instructionSummaries(owned(eb), (i) => i.and(written.map((w) => w(i)))).as('i'))
    .innerJoin((eb) => taskSummaries(owned(eb), where).as('t'), (join) => join.onRef('t.id', '=', 'i.task_id'));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select((eb) => {
      const [task, at] = [eb.ref('i.task_id'), eb.ref('i.created_at')];
      const owner = owned(eb);
      return [
        'i.id',
        'i.task_id',
        'i.report_id',
        'i.author_id',
        'i.text',
        'i.created_at',
        't.title',
        't.state',
        't.health',
        't.health_json',
        reportsSubmittedAfter(owner, task, at).as('reports_since'),
        taskStepsAfter(owner, task, at).as('events_since'),
        taskStateAt(owner, task, at).as('state_then'),
      ];
    })
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
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
        stateThen: r.state_then ?? r.state,
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

/** Overdue tasks that no 催办, 督办 or manual reminder has gone out for since the due date. */
export function unremindedWhere(today: string, overdueStates: readonly string[]): TaskWhere {
  const overdue = taskWhere.dueBefore(overdueStates, today);
  return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> => eb.and([overdue(eb), eb.not(remindedSinceDue(eb))]);
}
