/** Unit → API shape. */
import type { UnitResponse } from '../../../contract/units.ts';
import type { Unit } from './units.repository.ts';

export function presentUnit(u: Unit): UnitResponse {
  return {
    id: u.id,
    name: u.name,
    parentId: u.parentId,
    headUserId: u.headUserId,
    sortOrder: u.sortOrder,
    active: u.active,
    duties: u.duties,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
