/** Leaders' instructions (批示) on a task or one of its reports: written, shown in the timeline, notified. */
import { INSTRUCTION_MAX } from '../../../contract/instructions.ts';
import { requirePermission, type Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../notices/index.ts';
import { findReport } from '../reports/index.ts';
import { loadTask } from '../tasks/index.ts';
import { mayGiveInstructions, mayInstructOn } from './instructions.policy.ts';
import { insertInstruction, listInstructionsOfTask, type Instruction } from './instructions.repository.ts';

/** Writes a 批示 on a task the leader can see, optionally about one of its reports, and notifies the task's units. */
export async function createInstruction(ctx: AppContext, actor: Actor, taskId: string, input: { text: string; reportId?: string | null }): Promise<Instruction> {
  if (!mayGiveInstructions(actor)) throw forbidden('Missing permission instruction.create');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { task, capacities } = await loadTask(trx, actor, taskId);
    if (!mayInstructOn(actor, capacities)) throw forbidden('Only a leader gives instructions');
    const text = input.text.normalize('NFC').trim();
    if (text === '') throw badRequest('text_required', 'The instruction needs a text');
    if (text.length > INSTRUCTION_MAX) throw badRequest('text_too_long', `An instruction has at most ${INSTRUCTION_MAX} characters`);
    const reportId = input.reportId ?? null;
    if (reportId !== null) {
      const report = await findReport(trx, reportId);
      if (!report || report.taskId !== task.id) throw notFound('report');
    }
    const instruction: Instruction = { id: newId(now.getTime()), taskId, reportId, authorId: actor.id, text, createdAt: now };
    await insertInstruction(trx, instruction);
    await appendAudit(trx, actor, { action: 'instruction.created', objectType: 'instruction', objectId: instruction.id, after: { taskId, reportId, text }, context: { taskId } }, now);
    await notify(trx, ctx, {
      actor,
      kind: 'instruction',
      taskId,
      // A draft is not yet the units' business (they cannot open it): its supervisors hear of the instruction instead.
      to: task.state === 'draft' ? [{ kind: 'supervisors' }] : [{ kind: 'task_units' }],
      params: { text },
      dedupeKey: ['instruction', instruction.id].map(encodeURIComponent).join('|'),
    }, now);
    return instruction;
  });
}

/** The task's instructions, oldest first; 404 when the caller may not see the task. */
export async function listInstructions(ctx: AppContext, actor: Actor, taskId: string): Promise<Instruction[]> {
  requirePermission(actor, 'task.read');
  await loadTask(ctx.db, actor, taskId);
  return listInstructionsOfTask(ctx.db, taskId);
}
