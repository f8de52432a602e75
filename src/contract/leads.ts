/**
 * Public leads (群众线索) as the programme's supervisors moderate them: `GET /api/v1/leads`, one lead, its photo, and
 * accept (受理), reject, merge, 转为整改任务 and 转为督查问题. A visitor's submission is on the public side, not here.
 */
import { Type, type Static } from 'typebox';
import { FINDING_SEVERITIES } from '../core/inspections/index.ts';
import { IdParams, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

export const LEAD_STATES = ['pending', 'accepted', 'rejected', 'merged'] as const;
export const REJECT_REASONS = ['duplicate', 'irrelevant', 'unverifiable', 'uncivil', 'other'] as const;
export const LeadState = Literals(LEAD_STATES);
export type LeadState = Static<typeof LeadState>;
export const RejectReason = Literals(REJECT_REASONS);
export type RejectReason = Static<typeof RejectReason>;

export const LeadResponse = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  programmeTitle: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  state: LeadState,
  what: Type.String(),
  place: Type.String(),
  /** Supervisors of the programme only; never in public output. */
  contact: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  rejectReason: Nullable(RejectReason),
  rejectNote: Nullable(Type.String()),
  mergedIntoId: Nullable(Type.String()),
  rectificationTaskId: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
  abilities: Type.Object({ accept: Type.Boolean(), reject: Type.Boolean(), merge: Type.Boolean(), rectify: Type.Boolean() }),
});
export type LeadResponse = Static<typeof LeadResponse>;

export const LeadListResponse = Type.Object({ items: Type.Array(LeadResponse) });
export type LeadListResponse = Static<typeof LeadListResponse>;

export const LeadListQuery = Type.Object({
  state: Type.Optional(LeadState),
  programmeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
}, { additionalProperties: false });
export type LeadListQuery = Static<typeof LeadListQuery>;

const Version = Type.Integer({ minimum: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const AcceptLeadBody = Type.Object({ version: Version }, { additionalProperties: false });
export type AcceptLeadBody = Static<typeof AcceptLeadBody>;

export const RejectLeadBody = Type.Object({ version: Version, reason: RejectReason, note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }, { additionalProperties: false });
export type RejectLeadBody = Static<typeof RejectLeadBody>;

export const MergeLeadBody = Type.Object({ version: Version, intoId: Id }, { additionalProperties: false });
export type MergeLeadBody = Static<typeof MergeLeadBody>;

export const RectifyLeadBody = Type.Object({
  version: Version,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  dueDate: IsoDate,
  leadUnitId: Type.Optional(Id),
}, { additionalProperties: false });
export type RectifyLeadBody = Static<typeof RectifyLeadBody>;

export const FindingFromLeadBody = Type.Object({
  version: Version,
  inspectionId: Id,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  severity: Literals(FINDING_SEVERITIES),
  dueDate: IsoDate,
  unitId: Type.Optional(Id),
}, { additionalProperties: false });
export type FindingFromLeadBody = Static<typeof FindingFromLeadBody>;

export const leadsEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/leads', querystring: LeadListQuery, response: { 200: LeadListResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/leads/:id', params: IdParams, response: { 200: LeadResponse } }),
  /** The photo, re-encoded as JPEG without metadata. */
  photo: endpoint({ method: 'GET', path: '/api/v1/leads/:id/photo', params: IdParams, file: true, response: {} }),
  accept: endpoint({ method: 'POST', path: '/api/v1/leads/:id/accept', params: IdParams, body: AcceptLeadBody, response: { 200: LeadResponse } }),
  reject: endpoint({ method: 'POST', path: '/api/v1/leads/:id/reject', params: IdParams, body: RejectLeadBody, response: { 200: LeadResponse } }),
  merge: endpoint({ method: 'POST', path: '/api/v1/leads/:id/merge', params: IdParams, body: MergeLeadBody, response: { 200: LeadResponse } }),
  rectification: endpoint({ method: 'POST', path: '/api/v1/leads/:id/rectification', params: IdParams, body: RectifyLeadBody, response: { 200: LeadResponse } }),
  finding: endpoint({ method: 'POST', path: '/api/v1/leads/:id/finding', params: IdParams, body: FindingFromLeadBody, response: { 200: LeadResponse } }),
};
