/**
 * Notices other modules raise inside their own transactions: an instruction (批示), a returned report, an
 * assignment (交办). Same machinery as the reminders: one notice row, in-app copies, outbox rows, audit event.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../platform/audit/audit-log.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { MessageParams, NoticeKind } from './notices.repository.ts';
import { findTaskFacts, programmeSupervisorIds, type Person, type TaskFacts } from './read-model.ts';
import { recordNotice, type RecipientSpec, type RecordedNotice } from './record-notice.ts';

export type NotifyKind = Exclude<NoticeKind, 'remind' | 'escalate'>;

/** Who gets it, in the task's terms; resolved to active users when the notice is made. */
export type NotifyRecipient =
  /** Liaisons of the task's lead unit, and of its co-units unless `coUnits: false`. */
  | { kind: 'task_units'; coUnits?: boolean }
  | { kind: 'unit_liaisons'; unitId: string }
  | { kind: 'unit_head'; unitId: string }
  /** The supervisors of the task's programme. */
  | { kind: 'supervisors' }
  | { kind: 'user'; userId: string };

export interface NotifyInput {
  /** Who caused it; written in the audit event, and never notified of their own act. */
  actor: Actor;
  kind: NotifyKind;
  taskId: string | null;
  to: readonly NotifyRecipient[];
  params?: MessageParams;
  /**
   * Identity of the notice. Defaults to a fresh one per call; pass a deterministic key (e.g. `instruction|<id>`)
   * so that a retried caller cannot notify twice.
   */
  dedupeKey?: string;
  /** A notice about no single task (a grouped one): the programme it belongs to (its supervisors, its webhooks). */
  programmeId?: string | null;
  /** The unit addressed; defaults to the task's lead unit. */
  unitId?: string | null;
  /**
   * The task (`taskId`'s) and its programme's supervisors as the caller already loaded them in this transaction, so
   * the notice is made without reading them again.
   */
  about?: { task: TaskFacts; supervisorIds: readonly string[]; supervisors?: ReadonlyArray<Person & { active: boolean }> };
  /** The audit events of the caller's act, appended with the notice's own in one write (see `recordNotice`). */
  auditFirst?: readonly AuditEntry[];
}

/**
 * Records a notice in the caller's transaction. Returns `created: false` (and writes nothing) when a notice
 * with the same dedupe key exists. Throws `task_not_found` for an unknown task.
 */
export async function notify(trx: Kysely<DB>, ctx: AppContext, input: NotifyInput, now: Date = ctx.clock.now()): Promise<RecordedNotice> {
  const held = input.about && input.about.task.id === input.taskId ? input.about : null;
  const task = held ? held.task : input.taskId ? await findTaskFacts(trx, input.taskId) : null;
  if (input.taskId && !task) throw notFound('task');
  const programmeId = task?.programmeId ?? input.programmeId ?? null;
  const supervisorIds = held ? [...held.supervisorIds].sort() : programmeId ? await programmeSupervisorIds(trx, programmeId) : [];
  const specs: RecipientSpec[] = [];
  for (const r of input.to) {
    switch (r.kind) {
      case 'task_units':
        if (task) specs.push({ kind: 'unit_liaisons', unitIds: [...(task.leadUnitId ? [task.leadUnitId] : []), ...(r.coUnits === false ? [] : task.coUnitIds)] });
        break;
      case 'unit_liaisons':
        specs.push({ kind: 'unit_liaisons', unitIds: [r.unitId] });
        break;
      case 'unit_head':
        specs.push({ kind: 'unit_head', unitIds: [r.unitId] });
        break;
      case 'supervisors':
        // Read with the task by the caller: the active ones, in the order a lookup of the users would give.
        if (programmeId && held?.supervisors) {
          specs.push({ kind: 'people', people: held.supervisors.filter((p) => p.active).map(({ userId, email, locale }) => ({ userId, email, locale })).sort((a, b) => (a.userId < b.userId ? -1 : 1)) });
        } else if (programmeId) specs.push({ kind: 'users', userIds: supervisorIds });
        break;
      case 'user':
        specs.push({ kind: 'users', userIds: [r.userId] });
        break;
    }
  }
  const params: MessageParams = { ...input.params };
  // The session read the user's row for this request: its display name is the current one.
  if (params.byName === undefined && input.actor.kind === 'user') params.byName = input.actor.displayName;
  return recordNotice(
    trx,
    ctx,
    {
      actor: input.actor,
      to: specs,
      ...(input.auditFirst ? { auditFirst: input.auditFirst } : {}),
      notice: {
        dedupeKey: input.dedupeKey ?? [input.kind, input.taskId ?? '-', newId(now.getTime())].map(encodeURIComponent).join('|'),
        taskId: task?.id ?? null,
        programmeId,
        kind: input.kind,
        rule: input.kind,
        period: null,
        unitId: input.unitId !== undefined ? input.unitId : (task?.leadUnitId ?? null),
        milestoneId: null,
        audience: input.to.map((r) => r.kind),
        supervisorIds,
        params,
        taskTitle: task?.title ?? null,
        triggerAt: now,
        createdBy: input.actor.kind === 'user' ? input.actor.id : null,
      },
    },
    now,
  );
}
