/** The programmes module's public surface. */
export { programmeRoutes } from './programmes.routes.ts';
export { findProgrammeStatus } from './programmes.repository.ts';
// Re-exported for the modules above programmes; the table is the supervision module's.
export { programmesSupervisedBy, supervisorIdsOf as programmeSupervisorIds } from '../supervision/index.ts';
export { createProgramme, getProgramme, insertProgramme, listProgrammes, updateProgramme, visibleProgrammesWhere, type Programme } from './programmes.service.ts';
export { canLockPeriods, canManageProgramme, programmeAbilities, type ProgrammeAbilities } from './programmes.policy.ts';
export { documentIdsOfProgramme } from './programme-documents.repository.ts';
export { programmeIdsWhere } from './programme-scopes.repository.ts';
export { programmeHasDocument, programmeTitleOf } from './programmes.repository.ts';
export { programmeChangedAt, programmeSummariesOf, type ProgrammeSummary } from './programme-summaries.repository.ts';
export { reminderConfigsOf } from './programme-settings.repository.ts';
