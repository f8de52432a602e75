/** The supervision module's public surface: the one owner of `programme_supervisors`. */
export { programmesSupervisedBy, setSupervisors, supervisorIdsOf, supervisorsOfProgrammes, type SupervisorOrder } from './supervision.repository.ts';
