/** Unit → API shape. */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { Unit } from './units.repository.ts';

export const UnitDutiesSchema = Type.Object({
  description: Type.String({ maxLength: 2000 }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 100 }),
}, { additionalProperties: false });

export const UnitResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
  headUserId: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  /** The unit's remit (职责), used to suggest it as lead unit; null until an admin writes one. */
  duties: Nullable(UnitDutiesSchema),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type UnitResponse = Static<typeof UnitResponse>;

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
