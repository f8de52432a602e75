/** The programmes module's public surface. */
export { programmeRoutes } from './programmes.routes.ts';
export { createProgramme, getProgramme, insertProgramme, listProgrammes, updateProgramme, type Programme } from './programmes.service.ts';
