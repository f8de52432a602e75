/**
 * Bulk actions on ledger rows (批量交办、批量设定时限、批量催办): all or nothing. Every row is tried in one transaction,
 * each in a savepoint so one refusal does not stop the others from being checked; if any row is refused nothing
 * changes and the answer lists every row's outcome. Assignments run as one task batch, so each unit hears of its
 * new tasks in one message.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { withSavepoint } from '../../platform/db/sql-helpers.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { recordManualReminder } from '../notices/index.ts';
import { bulkPermission } from './bulk.policy.ts';
import { applyTaskUpdate, applyTransition, findTaskVersions, runTaskBatch } from '../tasks/index.ts';

export type BulkAction = 'assign' | 'setDueDate' | 'remind';

export interface BulkInput {
  action: BulkAction;
  taskIds: string[];
  leadUnitId?: string;
  dueDate?: string;
  message?: string;
}

export interface BulkRowResult {
  taskId: string;
  ok: boolean;
  /** The refusal's code (`forbidden`, `task_not_found`, `invalid_transition` …), or null when the row went through. */
  code: string | null;
  message: string | null;
}

/** Thrown when any row is refused: the transaction is rolled back and the caller answers with every row's outcome. */
export class BulkRefused extends Error {
  constructor(readonly results: BulkRowResult[]) {
    super(`${results.filter((r) => !r.ok).length} of ${results.length} tasks were refused; nothing was changed`);
  }
}

export async function runBulkAction(ctx: AppContext, actor: Actor, input: BulkInput): Promise<BulkRowResult[]> {
  requirePermission(actor, bulkPermission(input.action));
  const ids = [...new Set(input.taskIds)];
  if (input.action === 'setDueDate' && !input.dueDate) throw badRequest('due_date_required', 'dueDate is required to set the deadline');
  if (input.action === 'assign' && !input.leadUnitId) throw badRequest('lead_unit_required', 'leadUnitId is required to assign');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) =>
    runTaskBatch(trx, ctx, async () => {
      const versions = await findTaskVersions(trx, ids);
      const results: BulkRowResult[] = [];
      for (const taskId of ids) {
        try {
          await withSavepoint(trx, async () => {
            // A task the caller cannot see answers task_not_found from the action itself; the version is only
            // needed to pass the optimistic check of a task that exists.
            const version = versions.get(taskId) ?? 0;
            if (input.action === 'assign') {
              await applyTransition(trx, ctx, actor, taskId, { action: 'assign', version, leadUnitId: input.leadUnitId, ...(input.dueDate ? { dueDate: input.dueDate } : {}) }, now);
            } else if (input.action === 'setDueDate') {
              await applyTaskUpdate(trx, actor, taskId, { version, dueDate: input.dueDate }, now);
            } else {
              await recordManualReminder(trx, ctx, actor, taskId, { message: input.message ?? null }, now);
            }
          });
          results.push({ taskId, ok: true, code: null, message: null });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ taskId, ok: false, code: err.code, message: err.message });
        }
      }
      // Throwing inside the batch also keeps its grouped notices from being raised.
      if (results.some((r) => !r.ok)) throw new BulkRefused(results);
      return results;
    }),
  );
}
