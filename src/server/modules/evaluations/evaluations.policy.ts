/**
 * Who does what with the evaluation (考核): every rule of the module once, called by the service to enforce it and to
 * compute the abilities it sends, so the buttons the UI shows are the ones the server accepts.
 */
import type { Actor, UserActor } from '../../platform/auth/actor.ts';

/** Reading the rankings and the rules. */
export function canReadEvaluations(actor: Actor): boolean {
  return actor.permissions.has('evaluation.read');
}

/** Writing the rules and freezing periods. */
export function canManageEvaluations(actor: Actor): boolean {
  return actor.permissions.has('evaluation.manage');
}

/** Only a period that has ended is frozen, by someone who manages the evaluation. */
export function canFreeze(actor: Actor, ended: boolean): boolean {
  return canManageEvaluations(actor) && ended;
}

/** Ratings are a supervisor's judgement; administrators edit rules but do not rate units. */
export function canRate(actor: Actor): actor is UserActor {
  return actor.kind === 'user' && actor.roles.includes('supervisor') && canManageEvaluations(actor);
}
