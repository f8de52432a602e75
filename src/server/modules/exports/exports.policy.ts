/** Who may export what: every rule of the exports module once, called where it is enforced. */
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';

/** Supervisors of the programme, leaders and administrators (and the system) may issue a briefing. */
export function mayBrief(actor: Actor, supervisorIds: readonly string[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.roles.includes('leader') || actor.roles.includes('admin') || supervisesProgramme(actor, supervisorIds);
}
