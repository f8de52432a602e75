/**
 * Tasks as parts of other modules' statements: which tasks a list takes (WHERE clauses on `tasks`), one task's facts
 * beside another module's row, and the columns a list of tasks shows (ids and titles: `task-scopes.repository.ts`).
 * Each is a subquery the caller composes into its own statement, so a list that is one statement stays one and only
 * this module names its tables.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';
import type { TaskWhere } from './task-counts.repository.ts';
import { ofUnitWhere } from './tasks.repository.ts';

// A clause written for `tasks` applied inside a subquery that selects from `tasks` (its builder sees every table).
const on = (eb: ExpressionBuilder<DB, keyof DB>, where: TaskWhere) => where(eb as unknown as ExpressionBuilder<DB, 'tasks'>);

/** The tasks of the lists other modules show, each as a WHERE clause on `tasks`. */
export const taskWhere = {
  /** In one of these states. */
  inStates: (states: readonly string[]): TaskWhere => (eb) => eb('tasks.state', 'in', [...states]),
  /** Of a programme the user supervises. */
  supervisedBy: (userId: string): TaskWhere => (eb) => eb('tasks.programme_id', 'in', programmesSupervisedBy(eb, userId)),
  /** The unit's, once handed over: a unit hears of a task when it is theirs, not while it is still being planned. */
  handedTo: (unitId: string): TaskWhere => (eb) => eb.and([eb('tasks.state', '!=', 'draft'), ofUnitWhere(eb, unitId)]),
  /** Assigned to the unit as lead and not yet signed for (签收). */
  awaitingSignature: (unitId: string): TaskWhere => (eb) => eb.and([eb('tasks.state', '=', 'assigned'), eb('tasks.lead_unit_id', '=', unitId)]),
  /** Completion requested, in a programme the user supervises. */
  completionRequestedTo: (supervisorId: string): TaskWhere => (eb) =>
    eb.and([eb('tasks.state', '=', 'completion_requested'), eb('tasks.programme_id', 'in', programmesSupervisedBy(eb, supervisorId))]),
  /** An extension requested on an open task, in a programme the user supervises. */
  // `pending_extension_json is not null` literally, so the partial index on pending requests serves it.
  extensionRequestedTo: (supervisorId: string): TaskWhere => (eb) =>
    eb.and([eb('tasks.pending_extension_json', 'is not', null), eb('tasks.state', '!=', 'closed'), eb('tasks.programme_id', 'in', programmesSupervisedBy(eb, supervisorId))]),
  /** Reassignment requested, in a programme the user supervises. */
  reassignRequestedTo: (supervisorId: string): TaskWhere => (eb) =>
    eb.and([eb('tasks.state', '=', 'reassign_requested'), eb('tasks.programme_id', 'in', programmesSupervisedBy(eb, supervisorId))]),
  /** In one of these states and due on `lastDay` or before. */
  dueBy: (states: readonly string[], lastDay: string): TaskWhere => (eb) => eb.and([eb('tasks.state', 'in', [...states]), eb('tasks.due_date', '<=', lastDay)]),
  /** In one of these states and due before `day`. */
  dueBefore: (states: readonly string[], day: string): TaskWhere => (eb) => eb.and([eb('tasks.state', 'in', [...states]), eb('tasks.due_date', '<', day)]),
  /** In one of these states, the unit taking part, and reporting on a cadence. */
  reportingOf: (unitId: string, states: readonly string[]): TaskWhere => (eb) =>
    eb.and([eb('tasks.state', 'in', [...states]), eb('tasks.cadence_json', 'is not', null), ofUnitWhere(eb, unitId)]),
};

/**
 * Whether the task `taskId` names is one `where` takes: a correlated EXISTS that looks the task up by its key, so SQLite
 * walks the caller's table (a few recent rows) and probes each task instead of starting from every task the clause
 * takes; PostgreSQL plans it as a semi-join.
 */
export function taskSatisfies(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string>, where: TaskWhere): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('tasks').select(sql.lit(1).as('one')).where('tasks.id', '=', taskId).where((w) => on(w, where)));
}

/** The task's programme beside another module's row. */
export function taskProgrammeOf(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string>) {
  return eb.selectFrom('tasks').select('tasks.programme_id').where('tasks.id', '=', taskId);
}

/**
 * What a list of tasks shows, for the tasks `where` takes: a subquery to select from or join as a derived table. It
 * holds no LIMIT, ORDER or aggregate, so both dialects fold it into the outer statement (the columns the caller does
 * not read cost nothing) and the caller's order and keyset use the tasks' own indexes.
 */
export function taskSummaries(eb: ExpressionBuilder<DB, keyof DB>, where: TaskWhere) {
  return eb
    .selectFrom('tasks')
    .where((w) => on(w, where))
    .select([
      'tasks.id',
      'tasks.programme_id',
      'tasks.title',
      'tasks.state',
      'tasks.lead_unit_id',
      'tasks.due_date',
      'tasks.progress',
      'tasks.health',
      'tasks.health_json',
      'tasks.pending_extension_json',
      'tasks.completion_requested_by',
      'tasks.updated_at',
      'tasks.cadence_json',
      'tasks.signed_at',
      'tasks.start_date',
    ]);
}

/** How many steps the task's timeline records after `at`. */
export function taskStepsAfter(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string>, at: Expression<string>) {
  return eb
    .selectFrom('task_events')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('task_events.task_id', '=', taskId)
    .where('task_events.at', '>', at);
}

/**
 * The state the task was in at `at`, as its timeline tells: the last step up to then, else the state the first step
 * after it started from; null for a task without steps.
 */
export function taskStateAt(eb: ExpressionBuilder<DB, keyof DB>, taskId: Expression<string>, at: Expression<string>) {
  const before = eb
    .selectFrom('task_events')
    .select('task_events.to_state')
    .where('task_events.task_id', '=', taskId)
    .where('task_events.at', '<=', at)
    .orderBy('task_events.at', 'desc')
    .limit(1);
  const after = eb
    .selectFrom('task_events')
    .select('task_events.from_state')
    .where('task_events.task_id', '=', taskId)
    .where('task_events.at', '>', at)
    .orderBy('task_events.at', 'asc')
    .limit(1);
  return eb.fn.coalesce(before, after);
}
