/**
 * Layer 2 of authorization for tasks, on plain data: what the actor *is* with respect to one task (its capacities),
 * whether they may see it, and the same rule as a SQL scope for lists.
 */
import type { Capacity } from '../../../core/tasks/index.ts';
import { type Actor, supervisesProgramme, type UserActor } from '../../platform/auth/actor.ts';
import type { Task, Visibility } from './tasks.repository.ts';

/** The SQL scope of the actor's task lists (see `visibleWhere`). */
export function visibilityOf(actor: Actor): Visibility {
  if (actor.kind === 'system') return { all: true };
  const roles = new Set(actor.roles);
  // Leaders read everything (they instruct on anything); administrators support every programme.
  if (roles.has('leader') || roles.has('admin')) return { all: true };
  return {
    all: false,
    supervisorUserId: roles.has('supervisor') ? actor.id : null,
    liaisonUnitId: roles.has('liaison') ? actor.unitId : null,
    viewer: roles.has('viewer'),
  };
}

/** What the actor is on this task: supervisor of its programme, liaison of its lead unit or a co-unit, leader, admin. */
export function capacitiesOf(actor: Actor, task: Pick<Task, 'leadUnitId' | 'coUnits'>, supervisorIds: readonly string[]): Set<Capacity> {
  const caps = new Set<Capacity>();
  if (actor.kind === 'system') {
    caps.add('supervisor');
    return caps;
  }
  const roles = new Set(actor.roles);
  if (supervisesProgramme(actor, supervisorIds)) caps.add('supervisor');
  if (roles.has('liaison') && task.leadUnitId === actor.unitId) caps.add('leadLiaison');
  if (roles.has('liaison') && task.coUnits.some((c) => c.unitId === actor.unitId)) caps.add('coLiaison');
  if (roles.has('leader')) caps.add('leader');
  if (roles.has('admin')) caps.add('admin');
  return caps;
}

/** The single-object form of `visibleWhere`; a task the actor may not see answers 404. */
export function canSee(actor: Actor, task: Pick<Task, 'state' | 'leadUnitId' | 'coUnits'>, supervisorIds: readonly string[]): boolean {
  const v = visibilityOf(actor);
  if (v.all) return true;
  if (v.supervisorUserId && supervisorIds.includes(v.supervisorUserId)) return true;
  if (task.state === 'draft') return false;
  if (v.viewer) return true;
  return v.liaisonUnitId !== null && (task.leadUnitId === v.liaisonUnitId || task.coUnits.some((c) => c.unitId === v.liaisonUnitId));
}

/**
 * Whether the actor may see a programme, given whether they see any of its tasks: the same rule as the programmes
 * list (everything for leaders, administrators and viewers; supervisors their programmes; liaisons the programmes
 * holding their units' tasks). Used to answer 404, not 403, to someone who may not know the programme exists.
 */
export function canSeeProgramme(actor: Actor, supervisorIds: readonly string[], seesATask: boolean): boolean {
  const v = visibilityOf(actor);
  if (v.all || v.viewer) return true;
  if (v.supervisorUserId && supervisorIds.includes(v.supervisorUserId)) return true;
  return seesATask;
}

/** Planning fields (title, dates, units, weight, cadence, milestones) belong to the programme's supervisors. */
export function canPlan(capacities: ReadonlySet<Capacity>, task: Pick<Task, 'state'>): boolean {
  return capacities.has('supervisor') && task.state !== 'closed';
}

/** Tick a milestone done: the lead unit reports it, a supervisor may too; not on a closed task. */
export function canMarkMilestones(capacities: ReadonlySet<Capacity>, task: Pick<Task, 'state'>): boolean {
  return (capacities.has('supervisor') || capacities.has('leadLiaison')) && task.state !== 'closed';
}

/** Write a 批示: a leader who can see the task, in person (the CLI's system actor holds the permission but is nobody's word). */
export function canInstruct(actor: Actor, capacities: ReadonlySet<Capacity>): actor is UserActor {
  return actor.kind === 'user' && actor.permissions.has('instruction.create') && capacities.has('leader');
}

/** Send a 催办 by hand: a supervisor of the task's programme, in person. */
export function mayRemind(actor: Actor, capacities: ReadonlySet<Capacity>): actor is UserActor {
  return actor.kind === 'user' && actor.permissions.has('notice.remind') && capacities.has('supervisor');
}

/**
 * A task takes a 催办 while it is out with a unit: not a draft, not closed, with a lead unit to chase. A suspended task
 * may be chased (its review date may have passed).
 */
export function takesReminders(task: Pick<Task, 'state' | 'leadUnitId'>): boolean {
  return task.state !== 'draft' && task.state !== 'closed' && task.leadUnitId !== null;
}
