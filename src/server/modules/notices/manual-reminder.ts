/** A supervisor's 催办 by hand: to the liaisons of the task's lead unit and co-units, at most once per 10 minutes. */
import type { Actor } from '../../platform/auth/actor.ts';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, forbidden } from '../../platform/errors.ts';
import * as repo from './notices.repository.ts';
import { loadTask, takesReminders } from '../tasks/index.ts';
import { mayRemindOn, maySendReminders } from './notices.policy.ts';
import { userDisplayName } from './read-model.ts';
import { recordNotice } from './record-notice.ts';

export const MANUAL_REMINDER_SPACING_MS = 10 * 60_000;
const MESSAGE_MAX = 500;
export interface ManualReminderResult {
  noticeId: string;
  taskId: string;
  createdAt: Date;
  recipients: number;
  deliveries: { email: number; webhook: number };
}

/** Sends a manual reminder on a task; 404 to whoever cannot see the task, 403 to whoever sees it but does not supervise it. */
export async function remindTask(ctx: AppContext, actor: Actor, taskId: string, input: { message?: string | null }): Promise<ManualReminderResult> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((trx) => recordManualReminder(trx, ctx, actor, taskId, input, now));
}

/** The reminder inside the caller's transaction (the ledger's bulk 催办 sends many in one). */
export async function recordManualReminder(trx: Kysely<DB>, ctx: AppContext, actor: Actor, taskId: string, input: { message?: string | null }, now: Date): Promise<ManualReminderResult> {
  if (!maySendReminders(actor)) throw forbidden('Missing permission notice.remind');
  if (actor.kind !== 'user') throw forbidden('Only a supervisor can send a reminder');
  const message = input.message?.normalize('NFC').trim() || undefined;
  if (message && [...message].length > MESSAGE_MAX) throw badRequest('message_too_long', `The message must have at most ${MESSAGE_MAX} characters`);
  // The tasks module's visibility rule decides 404; only the programme's supervisors may remind (403).
  const { task, capacities } = await loadTask(trx, actor, taskId);
  if (!mayRemindOn(actor, capacities)) throw forbidden("Only a supervisor of the task's programme can send a reminder");
  if (!takesReminders(task) || !task.leadUnitId) throw conflict('task_not_open', `A ${task.state} task takes no reminders`);
  const leadUnitId = task.leadUnitId;
  const coUnitIds = task.coUnits.map((c) => c.unitId);

  const recent = await repo.findRecentNotice(trx, task.id, 'manual', new Date(now.getTime() - MANUAL_REMINDER_SPACING_MS));
  const tooSoon = (since: Date) =>
    conflict('reminder_too_soon', 'A reminder was sent on this task less than 10 minutes ago', {
      retryAfterSeconds: Math.max(1, Math.ceil((since.getTime() + MANUAL_REMINDER_SPACING_MS - now.getTime()) / 1000)),
    });
  if (recent) throw tooSoon(recent.createdAt);

  // The check above reads committed rows only; two supervisors clicking at the same moment on PostgreSQL would
  // both pass it. The key's 10-minute bucket makes the database refuse the second of such a pair.
  const bucket = new Date(Math.floor(now.getTime() / MANUAL_REMINDER_SPACING_MS) * MANUAL_REMINDER_SPACING_MS).toISOString();
  const recorded = await recordNotice(
    trx,
    ctx,
    {
      actor,
      to: [{ kind: 'unit_liaisons', unitIds: [leadUnitId, ...coUnitIds] }],
      notice: {
        dedupeKey: [task.id, 'manual', bucket].map(encodeURIComponent).join('|'),
        taskId: task.id,
        programmeId: task.programmeId,
        kind: 'manual',
        rule: 'manual',
        period: bucket,
        unitId: leadUnitId,
        milestoneId: null,
        audience: ['lead_unit', ...(coUnitIds.length ? ['co_unit'] : [])],
        supervisorIds: [actor.id],
        params: { byName: (await userDisplayName(trx, actor.id)) ?? actor.displayName, ...(message ? { message } : {}) },
        taskTitle: task.title,
        triggerAt: now,
        createdBy: actor.id,
      },
    },
    now,
  );
  if (!recorded.created || !recorded.noticeId) throw tooSoon(new Date(bucket));
  return { noticeId: recorded.noticeId, taskId: task.id, createdAt: now, recipients: recorded.recipientIds.length, deliveries: recorded.deliveries };
}
