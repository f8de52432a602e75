/** The lifecycle use case: one action on one task, checked by the core state machine, written with its audit event. */
import type { Kysely } from 'kysely';
import { transition, transitionErrorKind, type TaskAction, type TaskState } from '../../../core/tasks/index.ts';
import { isIsoDate } from '../../../core/time.ts';
import { cadenceProblems, type Cadence } from '../../../core/reports/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { guardsFor, loadTask } from './task-access.ts';
import { emitTaskTransitioned } from './task-events.ts';
import { refreshTaskAndAncestors } from './task-health.ts';
import { findTask, insertTaskEvent, replaceCoUnits, updateTaskRow, type CoUnit, type Task, type TaskPatch } from './tasks.repository.ts';
import { unitActivityOf } from '../units/index.ts';
import { findUserUnit } from '../users/index.ts';

export interface TransitionTaskInput {
  action: TaskAction;
  version: number;
  reason?: string;
  reviewDate?: string;
  newDueDate?: string;
  /** assign (optional when the task already has a lead unit) and reassign (required). */
  leadUnitId?: string;
  coUnits?: CoUnit[];
  ownerUserId?: string | null;
  /** assign / reassign may set the deadline and the reporting cadence at the same time. */
  dueDate?: string | null;
  cadence?: Cadence | null;
}

/** Active units only; the error names the field so the form can point at it. */
export async function requireActiveUnits(db: Kysely<DB>, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  const activity = await unitActivityOf(db, unitIds);
  for (const id of unitIds) {
    const active = activity.get(id);
    if (active === undefined) throw badRequest('unit_not_found', `Unit ${id} does not exist`);
    if (!active) throw conflict('unit_inactive', 'A deactivated unit cannot take on work');
  }
}

/** The responsible person must be an active member of the lead unit. */
export async function requireOwnerInUnit(db: Kysely<DB>, ownerUserId: string, unitId: string | null): Promise<void> {
  const owner = await findUserUnit(db, ownerUserId);
  if (!owner || !owner.active) throw badRequest('owner_not_found', 'The responsible person must be an active user');
  if (owner.unitId !== unitId) throw badRequest('owner_not_in_unit', 'The responsible person must belong to the lead unit');
}

function snapshot(t: Task) {
  return {
    state: t.state,
    leadUnitId: t.leadUnitId,
    coUnits: t.coUnits,
    ownerUserId: t.ownerUserId,
    dueDate: t.dueDate,
    suspendedFrom: t.suspendedFrom,
    reviewDate: t.reviewDate,
    completionRequestedBy: t.completionRequestedBy,
    pendingExtension: t.pendingExtension,
    lastExtensionDecision: t.lastExtensionDecision,
    closure: t.closure,
  };
}

/** Applies one lifecycle action; refusals come back as 403/409/400 with the state machine's code. */
export async function transitionTask(ctx: AppContext, actor: Actor, taskId: string, input: TransitionTaskInput): Promise<Task> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((trx) => applyTransition(trx, ctx, actor, taskId, input, now));
}

/** One action on one task inside the caller's transaction (bulk actions run many in one). */
export async function applyTransition(trx: Kysely<DB>, ctx: AppContext, actor: Actor, taskId: string, input: TransitionTaskInput, now: Date): Promise<Task> {
  const { task, capacities } = await loadTask(trx, actor, taskId);
  if (task.version !== input.version) throw versionConflict('task', task.version);
  const guards = await guardsFor(trx, actor, task);
  const unitsGiven = input.leadUnitId !== undefined;
  const coUnits = input.coUnits ?? (unitsGiven ? [] : task.coUnits);
  const result = transition({
    action: input.action,
    from: task.state,
    capacities,
    guards,
    now,
    reason: input.reason,
    reviewDate: input.reviewDate,
    newDueDate: input.newDueDate,
    units: unitsGiven ? { leadUnitId: input.leadUnitId ?? '', coUnitIds: coUnits.map((c) => c.unitId) } : undefined,
    dueDate: input.action === 'assign' || input.action === 'reassign' ? input.dueDate : undefined,
  });
  if (!result.ok) {
    const status = ({ forbidden: 403, conflict: 409, invalid: 400 } as const)[transitionErrorKind[result.code]];
    // The field is named as in the request body, so a form can point at it.
    throw new AppError(result.code, result.message, status, result.field ? { field: `body.${result.field}` } : undefined);
  }

  const patch: TaskPatch = { state: result.to };
  const fx = result.effects;
  if (fx.completionRequestedBy !== undefined) patch.completionRequestedBy = fx.completionRequestedBy;
  if (fx.suspendedFrom !== undefined) patch.suspendedFrom = fx.suspendedFrom;
  if (fx.reviewDate !== undefined) patch.reviewDate = fx.reviewDate;
  if (fx.dueDate !== undefined) patch.dueDate = fx.dueDate;
  if (fx.pendingExtension !== undefined) patch.pendingExtension = fx.pendingExtension;
  if (fx.lastExtensionDecision !== undefined) patch.lastExtensionDecision = fx.lastExtensionDecision;
  if (fx.closure !== undefined) patch.closure = fx.closure;
  if (fx.units) {
    await requireActiveUnits(trx, [fx.units.leadUnitId, ...fx.units.coUnitIds]);
    patch.leadUnitId = fx.units.leadUnitId;
    // A new lead unit means a new responsible person, unless one from that unit is named now.
    if (fx.units.leadUnitId !== task.leadUnitId && input.ownerUserId === undefined) patch.ownerUserId = null;
  }
  if (input.action === 'assign' || input.action === 'reassign') {
    if (input.dueDate !== undefined) {
      if (input.dueDate !== null && !isIsoDate(input.dueDate)) throw badRequest('due_date_invalid', 'The due date must be YYYY-MM-DD');
      patch.dueDate = input.dueDate;
    }
    if (input.ownerUserId !== undefined) {
      if (input.ownerUserId !== null) await requireOwnerInUnit(trx, input.ownerUserId, patch.leadUnitId ?? task.leadUnitId);
      patch.ownerUserId = input.ownerUserId;
    }
    if (input.cadence !== undefined) {
      const problems = input.cadence ? cadenceProblems(input.cadence) : [];
      if (problems.length) throw badRequest('cadence_invalid', `Reporting cadence: ${problems.join('; ')}`);
      patch.cadence = input.cadence;
    }
    patch.assignedAt = now;
    patch.signedAt = null;
  }
  const to: TaskState = result.to;
  if (input.action === 'sign') patch.signedAt = now;
  if (to === 'closed') patch.closedAt = now;
  if (input.action === 'reopen') patch.closedAt = null;

  if (!(await updateTaskRow(trx, task.id, patch, now, task.version))) {
    throw versionConflict('task', await currentVersion(trx, 'tasks', task.id));
  }
  if (fx.units) await replaceCoUnits(trx, task.id, coUnits);
  const after = (await findTask(trx, task.id))!;
  const data = {
    ...(result.reason ? { reason: result.reason } : {}),
    ...(input.reviewDate ? { reviewDate: input.reviewDate } : {}),
    ...(input.action === 'requestExtension' || input.action === 'approveExtension' ? { newDueDate: after.pendingExtension?.newDueDate ?? after.dueDate } : {}),
    ...(fx.units ? { leadUnitId: fx.units.leadUnitId, coUnitIds: fx.units.coUnitIds } : {}),
    // The units a reassignment took the task from, so the timeline and the notices can name them.
    ...(fx.units && input.action === 'reassign' ? { fromLeadUnitId: task.leadUnitId, fromCoUnitIds: task.coUnits.map((c) => c.unitId) } : {}),
    ...(fx.lastExtensionDecision ? { decision: fx.lastExtensionDecision.decision, requestedDueDate: fx.lastExtensionDecision.requestedDueDate } : {}),
    ...(fx.closure ? { progress: fx.closure.progress, finalReportAccepted: fx.closure.finalReportAccepted } : {}),
  };
  await insertTaskEvent(trx, {
    id: newId(now.getTime()),
    taskId: task.id,
    at: now,
    actorId: actor.kind === 'user' ? actor.id : null,
    action: result.event,
    from: task.state,
    to,
    reason: result.reason,
    data,
  });
  await appendAudit(trx, actor, { action: result.event, objectType: 'task', objectId: task.id, before: snapshot(task), after: snapshot(after), context: result.reason ? { reason: result.reason } : undefined }, now);
  await emitTaskTransitioned(trx, ctx, { actor, action: input.action, event: result.event, before: task, after, reason: result.reason, now });
  await refreshTaskAndAncestors(trx, task.id, now);
  return (await findTask(trx, task.id))!;
}
