/** The programmes module's public surface. */
export { programmeRoutes } from './programmes.routes.ts';
export { programmesSupervisedBy, supervisorIdsOf as programmeSupervisorIds } from './programmes.repository.ts';
export { createProgramme, getProgramme, insertProgramme, listProgrammes, updateProgramme, visibleProgrammesWhere, type Programme } from './programmes.service.ts';
export { canLockPeriods, canManageProgramme, programmeAbilities, type ProgrammeAbilities } from './programmes.policy.ts';
