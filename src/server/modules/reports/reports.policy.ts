/**
 * Layer 2 of authorization for reports, on plain data. Who *writes* and *reviews* is the core state machine's rule
 * (`reportTransition`); this file only says who may *see* a report, and builds the core's view of the actor.
 */
import type { ReportActor } from '../../../core/reports/index.ts';
import type { Capacity } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { SYSTEM_ACTOR_ID, type ReportScope } from './reports.repository.ts';

/** Reviewing (accepting, returning) reports at all: the permission; on one report the state machine decides. */
export function mayReviewReports(actor: Actor): boolean {
  return actor.permissions.has('report.review');
}

/** Writing and submitting reports at all: the permission; on one report the state machine decides. */
export function mayWriteReports(actor: Actor): boolean {
  return actor.permissions.has('report.submit');
}

/** The unit a user acts for as liaison, or null. */
export function liaisonUnitOf(actor: Actor): string | null {
  return actor.kind === 'user' && actor.roles.includes('liaison') ? actor.unitId : null;
}

/** The actor as the report state machine sees it. */
export function reportActorOf(actor: Actor, capacities: ReadonlySet<Capacity>): ReportActor {
  const unit = liaisonUnitOf(actor);
  return {
    userId: actor.kind === 'user' ? actor.id : SYSTEM_ACTOR_ID,
    liaisonOf: new Set(unit ? [unit] : []),
    capacities,
  };
}

/**
 * Which of a task's reports the actor reads. Supervisors of the programme, leaders and administrators read all;
 * the lead unit's liaisons read the co-units' parts too (they answer for the whole task); a co-unit's liaison reads
 * only its own unit's reports. Anyone else who can see the task (a viewer) reads none.
 */
export function reportScopeOf(actor: Actor, capacities: ReadonlySet<Capacity>): ReportScope {
  if (capacities.has('supervisor') || capacities.has('leader') || capacities.has('admin') || capacities.has('leadLiaison')) return { all: true };
  return { all: false, unitId: capacities.has('coLiaison') ? liaisonUnitOf(actor) : null };
}

/** Whose reports the actor reads across tasks, as plain data for the SQL scope (`visibleReportWhere`). */
export interface ReportVisibility {
  /** Leaders, administrators and the system read every report of every task they see. */
  all: boolean;
  /** Supervisors read every report of their programmes' tasks. */
  supervisorUserId: string | null;
  /** Liaisons read every report of their unit's lead tasks and their own unit's reports on co-unit tasks. */
  liaisonUnitId: string | null;
}

export function reportVisibilityOf(actor: Actor): ReportVisibility {
  if (actor.kind === 'system') return { all: true, supervisorUserId: null, liaisonUnitId: null };
  const roles = new Set(actor.roles);
  return {
    all: roles.has('leader') || roles.has('admin'),
    supervisorUserId: roles.has('supervisor') ? actor.id : null,
    liaisonUnitId: liaisonUnitOf(actor),
  };
}

/** The single-report form of `reportScopeOf`; a report the actor may not see answers 404. */
export function canSeeReport(scope: ReportScope, reportUnitId: string): boolean {
  return scope.all || (scope.unitId !== null && scope.unitId === reportUnitId);
}
