/**
 * Who may do what with an indicator, on plain data. Supervisors of its programme manage it and review its figures;
 * liaisons of its responsible unit report them; leaders, administrators and viewers read. A figure not yet accepted
 * is seen only by those who report or review it.
 */
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import type { ActualState, Indicator, IndicatorScope } from './indicators.repository.ts';

export interface IndicatorCapacities {
  supervisor: boolean;
  responsibleLiaison: boolean;
}

/** The SQL scope of the actor's indicator lists. */
export function indicatorScopeOf(actor: Actor): IndicatorScope {
  if (actor.kind === 'system') return { all: true };
  const roles = new Set(actor.roles);
  if (roles.has('leader') || roles.has('admin') || roles.has('viewer')) return { all: true };
  return { all: false, supervisorUserId: roles.has('supervisor') ? actor.id : null, liaisonUnitId: roles.has('liaison') ? actor.unitId : null };
}

export function indicatorCapacitiesOf(actor: Actor, indicator: Pick<Indicator, 'responsibleUnitId'>, supervisorIds: readonly string[]): IndicatorCapacities {
  if (actor.kind === 'system') return { supervisor: true, responsibleLiaison: false };
  return {
    supervisor: supervisesProgramme(actor, supervisorIds),
    responsibleLiaison: actor.roles.includes('liaison') && actor.unitId === indicator.responsibleUnitId,
  };
}

/** Whether a figure in this state is shown to the actor (accepted ones to every reader). */
export function canSeeActual(state: ActualState, caps: IndicatorCapacities, actor: Actor): boolean {
  if (state === 'accepted') return true;
  if (caps.supervisor || caps.responsibleLiaison) return true;
  return actor.kind === 'user' && (actor.roles.includes('leader') || actor.roles.includes('admin'));
}

export interface IndicatorAbilities {
  edit: boolean;
  report: boolean;
  review: boolean;
  addPeer: boolean;
}

export function indicatorAbilities(actor: Actor, caps: IndicatorCapacities): IndicatorAbilities {
  const manage = actor.permissions.has('indicator.manage') && caps.supervisor;
  return {
    edit: manage,
    report: actor.kind === 'user' && actor.permissions.has('report.submit') && caps.responsibleLiaison,
    review: manage,
    addPeer: manage,
  };
}

/** What the actor may do with one figure now. */
export function actualAbilities(actor: Actor, caps: IndicatorCapacities, actual: { state: ActualState; reportedBy: string }): { revise: boolean; addEvidence: boolean; accept: boolean; return: boolean } {
  const a = indicatorAbilities(actor, caps);
  const open = actual.state !== 'accepted';
  // Nobody reviews their own figure, whatever roles they hold.
  const reviewer = a.review && actual.state === 'submitted' && !(actor.kind === 'user' && actor.id === actual.reportedBy);
  return { revise: a.report && open, addEvidence: a.report && open, accept: reviewer, return: reviewer };
}
