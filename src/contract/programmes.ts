/** Programmes (重点工作): `GET/POST /api/v1/programmes`, `GET/PATCH /api/v1/programmes/:id`. */
import { Type, type Static } from 'typebox';
import { IdParams, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';

const Status = Type.Union([Type.Literal('active'), Type.Literal('archived')]);
const CompletionPolicy = Type.Union([Type.Literal('strict'), Type.Literal('lenient')], {
  description: 'strict: 申请办结 needs a final report and 销号 short of it a reason; lenient: neither',
});

export const ProgrammeResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: Status,
  healthThresholds: Nullable(Type.Object({}, { additionalProperties: true })),
  reminderConfig: Nullable(Type.Object({}, { additionalProperties: true })),
  completionPolicy: CompletionPolicy,
  supervisorIds: Type.Array(Type.String()),
  documentIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  /** What the caller may do with it, by the rules the server enforces (programmes.policy.ts). */
  abilities: Type.Object({ manage: Type.Boolean(), lockPeriods: Type.Boolean() }),
});
export type ProgrammeResponse = Static<typeof ProgrammeResponse>;

export const ProgrammeStats = Type.Object({ byState: Type.Record(Type.String(), Type.Integer()), byHealth: Type.Record(Type.String(), Type.Integer()) });
export const ProgrammeWithStatsResponse = Type.Intersect([ProgrammeResponse, Type.Object({ stats: ProgrammeStats })]);
export type ProgrammeWithStatsResponse = Static<typeof ProgrammeWithStatsResponse>;

export const ProgrammeListResponse = Type.Object({ items: Type.Array(ProgrammeResponse) });
export type ProgrammeListResponse = Static<typeof ProgrammeListResponse>;

export const CreateProgrammeBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  supervisorIds: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
}, { additionalProperties: false });
export type CreateProgrammeBody = Static<typeof CreateProgrammeBody>;

export const UpdateProgrammeBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  status: Type.Optional(Status),
  healthThresholds: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
  reminderConfig: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
  completionPolicy: Type.Optional(CompletionPolicy),
  supervisorIds: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
}, { additionalProperties: false });
export type UpdateProgrammeBody = Static<typeof UpdateProgrammeBody>;

export const programmesEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/programmes', response: { 200: ProgrammeListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/programmes', body: CreateProgrammeBody, response: { 201: ProgrammeResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/programmes/:id', params: IdParams, response: { 200: ProgrammeWithStatsResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/programmes/:id', params: IdParams, body: UpdateProgrammeBody, response: { 200: ProgrammeResponse } }),
};
