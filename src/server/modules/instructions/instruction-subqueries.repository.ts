/**
 * Instructions as parts of other modules' statements: which instructions a list takes (WHERE clauses on
 * `instructions`) and the columns a list of them shows. Each is a subquery the caller composes into its own statement,
 * so a list that is one statement stays one and only this module names its table.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { taskSatisfies, taskTitleOf, type TaskWhere } from '../tasks/index.ts';

/** A condition on an `instructions` row. */
export type InstructionWhere = (eb: ExpressionBuilder<DB, 'instructions'>) => Expression<SqlBool>;

/** The instructions of the lists other modules show, each as a WHERE clause on `instructions`. */
export const instructionWhere = {
  /** Written at `at` or later. */
  since: (at: string): InstructionWhere => (eb) => eb('instructions.created_at', '>=', at),
  /** Written by the user. */
  by: (authorId: string): InstructionWhere => (eb) => eb('instructions.author_id', '=', authorId),
  /** On a task `where` takes, looked up by its key from each instruction (the walk stays on the recent instructions). */
  onTasks: (where: TaskWhere): InstructionWhere => (eb) =>
    taskSatisfies(eb as unknown as ExpressionBuilder<DB, keyof DB>, eb.ref('instructions.task_id'), where),
};

/**
 * What a list of instructions shows, with its task's title, for the instructions `where` takes: a subquery to select
 * from. It holds no LIMIT, ORDER or aggregate, so both dialects fold it into the outer statement (the columns the
 * caller does not read cost nothing) and the caller's order and keyset use the instructions' own indexes.
 */
export function instructionSummaries(eb: ExpressionBuilder<DB, keyof DB>, where: InstructionWhere) {
  return eb
    .selectFrom('instructions')
    .where((w) => where(w as unknown as ExpressionBuilder<DB, 'instructions'>))
    .select((s) => [
      'instructions.id',
      'instructions.task_id',
      taskTitleOf(s, s.ref('instructions.task_id')).as('task_title'),
      'instructions.report_id',
      'instructions.author_id',
      'instructions.text',
      'instructions.created_at',
    ]);
}
