/** Who may publish a programme and make reports public: the programme's own supervisors (Layer 2, plain data). */
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';

export function canPublish(actor: Actor, supervisorIds: readonly string[]): boolean {
  return supervisesProgramme(actor, supervisorIds) && actor.permissions.has('programme.manage');
}

/** Marking a report or evidence public: a supervisor of the programme with the review permission. */
export function canMarkPublic(actor: Actor, supervisorIds: readonly string[]): boolean {
  return supervisesProgramme(actor, supervisorIds) && actor.permissions.has('report.review');
}
