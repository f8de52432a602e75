/**
 * The notices module's rules, once: who sends a 催办 by hand, who reads notifications. The dashboards' `remind`
 * ability and the services' checks are these functions.
 */
import type { Capacity } from '../../../core/tasks/index.ts';
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { mayRemind } from '../tasks/index.ts';

/** Sending reminders at all: the permission, which supervisors hold. */
export function maySendReminders(actor: Actor): boolean {
  return actor.permissions.has('notice.remind');
}

/** A reminder on one task: a supervisor of the task's programme, in person — the tasks module's rule, which the task's `remind` ability calls too. */
export function mayRemindOn(actor: Actor, capacities: ReadonlySet<Capacity>): actor is UserActor {
  return mayRemind(actor, capacities);
}

/** Notifications are a signed-in user's own. */
export function hasNotifications(actor: Actor): actor is UserActor {
  return actor.kind === 'user';
}
