/**
 * What a caller may find of inspection findings and 传达学习 records — the single-object read rules of the
 * inspections and relays modules, applied to every row at once with those modules' own scope and visibility
 * clauses (the SQL is in search-scope.repository.ts). `search.scope.test` (integration) checks each persona against
 * the objects' own endpoints.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { inspectionScopeOf } from '../inspections/index.ts';
import { recordScopeOf } from '../relays/index.ts';
import { findingsInScopeWhere, relayRecordsInScopeWhere } from './search-scope.repository.ts';

/**
 * The findings the actor sees, as a WHERE clause on `inspection_findings` joined to its `inspections` — the SQL form
 * of `canSeeUnitPart`: everything of an inspection seen whole (`seesWholeInspection`), and, for a liaison, the
 * findings addressed to its own unit of an inspection it sees (`liaisonUnitFor`).
 */
export function visibleFindingsWhere(actor: Actor) {
  return findingsInScopeWhere(inspectionScopeOf(actor));
}

/**
 * The relay records the actor reads, as a WHERE clause on `relay_records` — the SQL form of `canSeeRecord` (with
 * `loadRecordForUnit`'s own-unit access): leaders and administrators read all (`canReadAllRecords`), supervisors the
 * records of the campaigns of the programmes they supervise (`canManageCampaign`), liaisons their own unit's records
 * (even once their unit left the campaign's list). Viewers see the coverage of a campaign, never a record's contents.
 */
export function visibleRelayRecordsWhere(actor: Actor) {
  return relayRecordsInScopeWhere(recordScopeOf(actor));
}
