/** The units module's public surface. */
export { createUnit, deleteUnit, findUnitByName, getUnit, listUnits, updateUnit, type Unit } from './units.service.ts';
export { unitRoutes } from './units.routes.ts';
