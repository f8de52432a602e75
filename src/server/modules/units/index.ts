/** The units module's public surface. */
export { createUnit, deleteUnit, findUnitByName, getUnit, listUnitProfiles, listUnits, updateUnit, type Unit } from './units.service.ts';
export { findUnitById, releaseHeadships, unitActivityOf, unitNameOf, type UnitDuties } from './units.repository.ts';
export { provideUserDirectory, type UserDirectory } from './user-directory.ts';
export { unitRoutes } from './units.routes.ts';
export { canManageUnits, canReadUnits } from './units.policy.ts';
export { activeUnitNames, unitNamesById } from './unit-names.repository.ts';
export { unitNamesOf } from './unit-names.repository.ts';
export { unitSortOrderOf } from './units.repository.ts';
export { unitsChangedAt } from './unit-changes.repository.ts';
export { headsOfUnits } from './unit-lookups.repository.ts';
