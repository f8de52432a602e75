/** The supervision module's public surface: the one owner of `programme_supervisors`. */
export { programmesSupervisedBy, setSupervisors, supervisorIdsOf, supervisorsFromJson, supervisorsJson, supervisorsOf, supervisorsOfProgrammes, type SupervisorFacts, type SupervisorOrder } from './supervision.repository.ts';
