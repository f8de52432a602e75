/**
 * Who gives 批示: the instructions module's rule, once. The dashboards' `instruct` ability and the service's check are
 * both these functions.
 */
import type { Capacity } from '../../../core/tasks/index.ts';
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { canInstruct } from '../tasks/index.ts';

/** Giving instructions at all: the permission, which leaders hold. */
export function mayGiveInstructions(actor: Actor): boolean {
  return actor.permissions.has('instruction.create');
}

/**
 * An instruction on one task: a leader who can see it, in person — a 批示 is a named leader's word, so the permission
 * alone (which the CLI's system actor holds) is not enough. The tasks module's rule, which the task's `instruct`
 * ability calls too.
 */
export function mayInstructOn(actor: Actor, capacities: ReadonlySet<Capacity>): actor is UserActor {
  return canInstruct(actor, capacities);
}
