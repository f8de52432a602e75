/**
 * Who may see and do what with an inspection, on plain data. Supervisors of its programme run it (and administrators,
 * leaders read all); its team members see it and record visits, findings and evidence while it runs; a liaison sees
 * only findings (and visits) addressed to its unit — and never an unannounced visit's plan before it is carried
 * out; viewers read closed inspections only.
 */
import { acceptsFindings, planRevealed, type InspectionKind, type InspectionState } from '../../../core/inspections/index.ts';
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import type { InspectionScope } from './inspections.repository.ts';

export interface InspectionFacts {
  kind: InspectionKind;
  state: InspectionState;
  supervisorIds: readonly string[];
  memberIds: readonly string[];
  targetUnitIds: readonly string[];
  findingUnitIds: readonly string[];
}

/** The SQL scope of the actor's inspection list. */
export function inspectionScopeOf(actor: Actor): InspectionScope {
  if (actor.kind === 'system' || actor.roles.some((r) => r === 'admin' || r === 'leader')) return { all: true };
  return {
    all: false,
    supervisorUserId: actor.roles.includes('supervisor') ? actor.id : null,
    memberUserId: actor.id,
    liaisonUnitId: actor.roles.includes('liaison') ? actor.unitId : null,
    viewer: actor.roles.includes('viewer'),
  };
}

/** Runs the inspection (plans, moves it on, turns findings into tasks, accepts N/A): a supervisor of its programme. */
export function canManageInspection(actor: Actor, f: Pick<InspectionFacts, 'supervisorIds'>): boolean {
  return supervisesProgramme(actor, f.supervisorIds);
}

export function isMember(actor: Actor, f: Pick<InspectionFacts, 'memberIds'>): boolean {
  return actor.kind === 'user' && f.memberIds.includes(actor.id);
}

/** Sees the whole inspection (every finding, visit and file): managers, members, leaders, admins, viewers once closed. */
export function seesWholeInspection(actor: Actor, f: InspectionFacts): boolean {
  if (actor.kind === 'system' || canManageInspection(actor, f) || isMember(actor, f)) return true;
  if (actor.roles.some((r) => r === 'admin' || r === 'leader')) return true;
  return actor.roles.includes('viewer') && f.state === 'closed';
}

/** The unit a liaison sees the inspection for (targeted, or a finding addressed to it), or null. */
export function liaisonUnitFor(actor: Actor, f: InspectionFacts): string | null {
  if (actor.kind !== 'user' || !actor.roles.includes('liaison')) return null;
  if (!planRevealed(f.kind, f.state)) return null;
  return f.targetUnitIds.includes(actor.unitId) || f.findingUnitIds.includes(actor.unitId) ? actor.unitId : null;
}

/** The single-object form of the list scope; an inspection the actor may not see answers 404. */
export function canSeeInspection(actor: Actor, f: InspectionFacts): boolean {
  return seesWholeInspection(actor, f) || liaisonUnitFor(actor, f) !== null;
}

/** Records visits, findings and evidence: managers and team members, while the inspection runs or is written up. */
export function canRecord(actor: Actor, f: InspectionFacts): boolean {
  return (canManageInspection(actor, f) || isMember(actor, f)) && acceptsFindings(f.state);
}

/** Whether the actor sees one finding (or a visit or file about a unit): the whole inspection, or its own unit's. */
export function canSeeUnitPart(actor: Actor, f: InspectionFacts, unitId: string | null): boolean {
  if (seesWholeInspection(actor, f)) return true;
  const own = liaisonUnitFor(actor, f);
  return own !== null && unitId === own;
}
