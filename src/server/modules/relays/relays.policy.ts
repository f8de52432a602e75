/**
 * Who may do what with 传达学习, on plain data. Supervisors of the campaign's programme run it (deadline, expected
 * units, 催办, return); a liaison records only for its own unit, and only where its unit is expected; leaders and
 * administrators read everything; viewers read the coverage (who recorded, when), not the records' contents.
 */
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import type { CampaignScope, RelayRecord } from './relays.repository.ts';

export interface CampaignFacts {
  supervisorIds: readonly string[];
  expectedUnitIds: readonly string[];
}

/** The SQL scope of the actor's campaign list. */
export function campaignScopeOf(actor: Actor): CampaignScope {
  if (actor.kind === 'system' || actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'viewer')) return { all: true };
  return {
    all: false,
    supervisorUserId: actor.roles.includes('supervisor') ? actor.id : null,
    liaisonUnitId: actor.roles.includes('liaison') ? actor.unitId : null,
  };
}

/** Whose records the actor reads across campaigns, as plain data for a SQL scope (the list form of `canSeeRecord`). */
export interface RecordScope {
  /** Leaders, administrators and the system read every record. */
  readsAll: boolean;
  /** Supervisors read the records of their programmes' campaigns (viewers list every campaign but read no record). */
  supervisorUserId: string | null;
  /** Liaisons read their own unit's records, even once the unit left the campaign's list. */
  liaisonUnitId: string | null;
}

export function recordScopeOf(actor: Actor): RecordScope {
  const readsAll = actor.kind === 'system' || actor.roles.some((r) => r === 'admin' || r === 'leader');
  const campaigns = campaignScopeOf(actor);
  // campaignScopeOf lets viewers list every campaign; only the supervisor part of it reads records.
  const supervisorUserId = !campaigns.all ? campaigns.supervisorUserId : actor.kind === 'user' && actor.roles.includes('supervisor') ? actor.id : null;
  const liaisonUnitId = actor.kind === 'user' && actor.roles.includes('liaison') ? actor.unitId : null;
  return { readsAll, supervisorUserId, liaisonUnitId };
}

/** Runs the campaign: a supervisor of its programme (or the system). */
export function canManageCampaign(actor: Actor, c: CampaignFacts): boolean {
  return supervisesProgramme(actor, c.supervisorIds);
}

/** The single-object form of the list scope; a campaign the actor may not see answers 404. */
export function canSeeCampaign(actor: Actor, c: CampaignFacts): boolean {
  const scope = campaignScopeOf(actor);
  if (scope.all) return true;
  if (scope.supervisorUserId && c.supervisorIds.includes(scope.supervisorUserId)) return true;
  return scope.liaisonUnitId !== null && c.expectedUnitIds.includes(scope.liaisonUnitId);
}

/** Reads every unit's record (contents, minutes, evidence): the programme's supervisors, leaders, administrators. */
export function canReadAllRecords(actor: Actor, c: CampaignFacts): boolean {
  return canManageCampaign(actor, c) || (actor.kind === 'user' && actor.roles.some((r) => r === 'admin' || r === 'leader'));
}

/** The unit a liaison records for in this campaign, or null (not a liaison, or its unit is not expected). */
export function recordingUnitOf(actor: Actor, c: CampaignFacts): string | null {
  if (actor.kind !== 'user' || !actor.roles.includes('liaison')) return null;
  return c.expectedUnitIds.includes(actor.unitId) ? actor.unitId : null;
}

/** Sees one record: whoever reads all records, and the liaisons of the record's unit. */
export function canSeeRecord(actor: Actor, c: CampaignFacts, r: Pick<RelayRecord, 'unitId'>): boolean {
  if (canReadAllRecords(actor, c)) return true;
  return actor.kind === 'user' && actor.roles.includes('liaison') && actor.unitId === r.unitId;
}

/** Amends the record (and its evidence): a liaison of its unit. */
export function canEditRecord(actor: Actor, r: Pick<RelayRecord, 'unitId'>): boolean {
  return actor.kind === 'user' && actor.roles.includes('liaison') && actor.unitId === r.unitId;
}

/** Returns the record with a reason: a supervisor of the programme, while it is submitted. */
export function canReturnRecord(actor: Actor, c: CampaignFacts, r: Pick<RelayRecord, 'state'>): boolean {
  return canManageCampaign(actor, c) && r.state === 'submitted';
}
