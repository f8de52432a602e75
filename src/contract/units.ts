/** The organisation tree: `GET/POST /api/v1/units`, `PATCH/DELETE /api/v1/units/:id`. */
import { Type, type Static } from 'typebox';
import { IdParams, NoContent, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';

export const UnitDuties = Type.Object({
  description: Type.String({ maxLength: 2000 }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 100 }),
}, { additionalProperties: false });
export type UnitDuties = Static<typeof UnitDuties>;

export const UnitResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
  headUserId: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  /** The unit's remit (职责), used to suggest it as lead unit; null until an admin writes one. */
  duties: Nullable(UnitDuties),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type UnitResponse = Static<typeof UnitResponse>;

export const UnitListResponse = Type.Object({ items: Type.Array(UnitResponse) });
export type UnitListResponse = Static<typeof UnitListResponse>;

const UnitName = Type.String({ minLength: 1, maxLength: 100 });

export const CreateUnitBody = Type.Object({
  name: UnitName,
  parentId: Type.Optional(Nullable(Type.String())),
  sortOrder: Type.Optional(Type.Integer()),
  duties: Type.Optional(Nullable(UnitDuties)),
}, { additionalProperties: false });
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(UnitName),
  parentId: Type.Optional(Nullable(Type.String())),
  headUserId: Type.Optional(Nullable(Type.String())),
  sortOrder: Type.Optional(Type.Integer()),
  active: Type.Optional(Type.Boolean()),
  duties: Type.Optional(Nullable(UnitDuties)),
}, { additionalProperties: false });
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

export const unitsEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/units', response: { 200: UnitListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/units', body: CreateUnitBody, response: { 201: UnitResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/units/:id', params: IdParams, body: UpdateUnitBody, response: { 200: UnitResponse } }),
  delete: endpoint({ method: 'DELETE', path: '/api/v1/units/:id', params: IdParams, response: { 204: NoContent } }),
};
