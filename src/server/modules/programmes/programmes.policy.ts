/** Who may do what with a programme, on plain data; the abilities the API sends are computed by these same functions. */
import { supervisesProgramme, type Actor } from '../../platform/auth/actor.ts';

/** Change its settings and supervisors: a supervisor of the programme holding the manage permission. */
export function canManageProgramme(actor: Actor, p: { supervisorIds: readonly string[] }): boolean {
  return actor.permissions.has('programme.manage') && supervisesProgramme(actor, p.supervisorIds);
}

/** Lock and unlock its reporting periods: a supervisor of the programme. */
export function canLockPeriods(actor: Actor, p: { supervisorIds: readonly string[] }): boolean {
  return supervisesProgramme(actor, p.supervisorIds);
}

export interface ProgrammeAbilities {
  manage: boolean;
  lockPeriods: boolean;
}

export function programmeAbilities(actor: Actor, p: { supervisorIds: readonly string[] }): ProgrammeAbilities {
  return { manage: canManageProgramme(actor, p), lockPeriods: canLockPeriods(actor, p) };
}
