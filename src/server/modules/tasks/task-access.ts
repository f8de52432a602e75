/** Loading a task as a given actor: 404 when they may not see it, their capacities, the guards, their abilities. */
import type { Kysely } from 'kysely';
import { acceptsReports, actionAbilities, closeNeedsReason, type Capacity, type CloseReasonCause, type TaskAction, type TaskGuards, type TransitionErrorCode } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { canInstruct, canMarkMilestones, canPlan, canSee, capacitiesOf, mayRemind, takesReminders } from './tasks.policy.ts';
import { completionPolicyOf, countOpenChildren, findTaskWithSupervisors, reportFacts, supervisorIdsOf, type HealthInputs, type SupervisorFacts, type Task } from './tasks.repository.ts';

export interface TaskAccess {
  task: Task;
  supervisorIds: string[];
  capacities: Set<Capacity>;
  /** The supervisors as `loadTask` read them, for a notice to them (absent where the access was built otherwise). */
  supervisors?: readonly SupervisorFacts[];
  /** What the health roll-up reads besides the task, as `loadTask` read it when asked (see `refreshTaskAndAncestors`). */
  healthInputs?: HealthInputs;
}

/** Loads a task the actor may see, or throws `task_not_found` (never 403: existence is not revealed). */
export async function loadTask(db: Kysely<DB>, actor: Actor, id: string, opts: { healthInputs?: boolean } = {}): Promise<TaskAccess> {
  const found = await findTaskWithSupervisors(db, id, opts);
  if (!found) throw notFound('task');
  const { task, supervisors } = found;
  const supervisorIds = supervisors.map((s) => s.userId);
  if (!canSee(actor, task, supervisorIds)) throw notFound('task');
  return { task, supervisorIds, capacities: capacitiesOf(actor, task, supervisorIds), supervisors, ...(found.healthInputs ? { healthInputs: found.healthInputs } : {}) };
}

/** The facts the state machine checks, loaded in the caller's transaction. */
export async function guardsFor(db: Kysely<DB>, actor: Actor, task: Task): Promise<TaskGuards> {
  const facts = await reportFacts(db, task.id, task.leadUnitId);
  return {
    actorId: actor.kind === 'user' ? actor.id : `system:${actor.name}`,
    openChildren: await countOpenChildren(db, task.id),
    hasAcceptedReport: facts.hasAcceptedReport,
    hasAcceptedEvidence: facts.hasAcceptedEvidence,
    completionRequestedBy: task.completionRequestedBy,
    suspendedFrom: task.suspendedFrom,
    pendingExtension: task.pendingExtension,
    dueDate: task.dueDate,
    hasLeadUnit: task.leadUnitId !== null,
    finalReport: facts.finalReport,
    progress: task.progress,
    completionPolicy: await completionPolicyOf(db, task.programmeId),
  };
}

/**
 * An action the actor may or may not take now. `reasonRequired` (with the causes) is set on an allowed 销号 that
 * needs a stated reason, so the dialog asks for one and says why.
 */
export type ActionAbility =
  | { allowed: true; reasonRequired?: boolean; because?: CloseReasonCause[] }
  | { allowed: false; code: TransitionErrorCode };

export interface TaskAbilities {
  actions: Record<TaskAction, ActionAbility>;
  /** Edit title, dates, units, milestones, weight, cadence. */
  plan: boolean;
  /** Write progress reports (for the caller's own unit). */
  report: boolean;
  /** Accept or return reports. */
  review: boolean;
  /** Write a 批示. */
  instruct: boolean;
  /** Send a 催办 by hand. */
  remind: boolean;
  /** Tick a milestone done (the lead unit reports it; a supervisor may too). */
  markMilestones: boolean;
}

/**
 * The actor's abilities on a task they just changed, without the 404 of `loadTask`: after a reassignment or a
 * change of units they may no longer see it, and then they may do nothing with it.
 */
export async function abilitiesAfter(db: Kysely<DB>, actor: Actor, task: Task): Promise<TaskAbilities> {
  const supervisorIds = await supervisorIdsOf(db, task.programmeId);
  const capacities = canSee(actor, task, supervisorIds) ? capacitiesOf(actor, task, supervisorIds) : new Set<Capacity>();
  return abilitiesFor(db, actor, { task, supervisorIds, capacities });
}

/** What the UI may offer this actor on this task, computed by the same rules the server enforces. */
export async function abilitiesFor(db: Kysely<DB>, actor: Actor, access: TaskAccess): Promise<TaskAbilities> {
  const { task, capacities } = access;
  const guards = await guardsFor(db, actor, task);
  const actions: Record<TaskAction, ActionAbility> = actionAbilities(task.state, capacities, guards);
  const close = closeNeedsReason(guards);
  if (actions.close.allowed && close.required) actions.close = { allowed: true, reasonRequired: true, because: close.because };
  return {
    actions,
    plan: canPlan(capacities, task),
    report: (capacities.has('leadLiaison') || capacities.has('coLiaison')) && acceptsReports(task.state),
    review: capacities.has('supervisor'),
    instruct: canInstruct(actor, capacities),
    remind: mayRemind(actor, capacities) && takesReminders(task),
    markMilestones: canMarkMilestones(capacities, task),
  };
}
