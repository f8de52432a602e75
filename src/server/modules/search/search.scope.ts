/**
 * What a caller may find, and what a programme or unit filter keeps: each object type by its own module's rule, as
 * the owners' subqueries of ids that the search index composes into its one statement. Findings and 传达学习 records
 * follow the single-object read rules of inspections (`canSeeUnitPart`: an inspection seen whole, and a liaison's own
 * unit's findings of an inspection it sees) and relays (`canSeeRecord` with `loadRecordForUnit`'s own-unit access:
 * leaders and administrators read all, supervisors their programmes' campaigns' records, liaisons their own unit's,
 * viewers none). `search-oversight.int.test` checks each persona against the objects' own endpoints.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { canReadDocuments } from '../documents/index.ts';
import { findingIdsOfUnit, inspectionIdsOfProgramme, inspectionScopeOf, visibleFindingIds } from '../inspections/index.ts';
import { documentIdsOfProgramme } from '../programmes/index.ts';
import { campaignIdsOfProgramme, recordScopeOf, relayRecordIdsOfUnit, visibleRelayRecordIds } from '../relays/index.ts';
import { reportIdsWhere, visibleReportsWhere } from '../reports/index.ts';
import type { SearchFilter, SearchScope } from '../search-index/index.ts';
import { taskIdsCoHandledBy, taskIdsLedBy, taskIdsOfProgramme, taskIdsWhere, visibleTasksWhere } from '../tasks/index.ts';

/** The caller's search scope: each object type by its own module's visibility rule. */
export function searchScopeOf(actor: Actor): SearchScope {
  const tasks = visibleTasksWhere(actor);
  const reports = visibleReportsWhere(actor);
  const findings = inspectionScopeOf(actor);
  const records = recordScopeOf(actor);
  return {
    documents: canReadDocuments(actor),
    tasks: (eb) => taskIdsWhere(eb, tasks),
    reports: (eb) => reportIdsWhere(eb, reports),
    // Findings are read with `task.read`, which the search itself requires; relay records need `document.read`.
    findings: (eb) => visibleFindingIds(eb, findings),
    relayRecords: canReadDocuments(actor) ? (eb) => visibleRelayRecordIds(eb, records) : null,
  };
}

/** A programme's objects: its tasks (and their reports), documents, inspections' findings and campaigns' records. */
export function programmeFilter(programmeId: string): NonNullable<SearchFilter['programme']> {
  return {
    tasks: (eb) => taskIdsOfProgramme(eb, programmeId),
    documents: (eb) => documentIdsOfProgramme(eb, programmeId),
    inspections: (eb) => inspectionIdsOfProgramme(eb, programmeId),
    campaigns: (eb) => campaignIdsOfProgramme(eb, programmeId),
  };
}

/** A unit's objects: the tasks it leads or co-handles (and their reports), the findings addressed to it, its records. */
export function unitFilter(unitId: string): NonNullable<SearchFilter['unit']> {
  return {
    ledTasks: (eb) => taskIdsLedBy(eb, unitId),
    coHandledTasks: (eb) => taskIdsCoHandledBy(eb, unitId),
    findings: (eb) => findingIdsOfUnit(eb, unitId),
    relayRecords: (eb) => relayRecordIdsOfUnit(eb, unitId),
  };
}
