/** The inspections module's (调查研究 / 督促检查, 整改) public surface: other modules import only from here. */
export { inspectionRoutes } from './inspections.routes.ts';
export { createInspection, getInspection, listInspections, transitionInspection, updateInspection, type CreateInspectionInput } from './inspections.service.ts';
export { acceptNotApplicable, addInspectionEvidence, createFinding, createVisit, findingsOfTask, rectifyFinding } from './inspection-findings.ts';
export { inspectionScopeOf } from './inspections.policy.ts';
export { visibleInspectionWhere, type InspectionScope } from './inspections.repository.ts';
export { reindexFindings } from './inspection-findings.ts';
export { findingIdsOfUnit, findingSearchSources, inspectionIdsOfProgramme, visibleFindingIds } from './finding-search.repository.ts';
export { inspectionIdsSupervisedBy } from './inspection-scopes.repository.ts';
