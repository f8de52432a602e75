/** The audit log: `GET /api/v1/audit` (pages of events, newest first) and `GET /api/v1/audit/verify` (the hash chain). */
import { Type, type Static } from 'typebox';
import { Items, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';

export const AuditEventResponse = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  context: Type.Unknown(),
  hash: Type.String(),
});
export type AuditEventResponse = Static<typeof AuditEventResponse>;

export const AuditQuery = Type.Object({
  objectType: Type.Optional(Type.String({ maxLength: 64 })),
  objectId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  /** ISO-8601 instants. */
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });
export type AuditQuery = Static<typeof AuditQuery>;

/** The hash chain's check: how many rows, and the first broken link if any. */
export const ChainReportResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAt: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});
export type ChainReportResponse = Static<typeof ChainReportResponse>;

export const auditEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/audit', querystring: AuditQuery, response: { 200: Items(AuditEventResponse) } }),
  verify: endpoint({ method: 'GET', path: '/api/v1/audit/verify', response: { 200: ChainReportResponse } }),
};
