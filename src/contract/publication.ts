/**
 * The public side's shapes (issue 13): what a visitor receives, and what supervisors use to publish and moderate.
 * Every field of the public shapes is on the allow-list test (test/api/public-allow-list.api.test.ts): a field added
 * here must be added there, deliberately. No staff names, user ids, co-unit parts, instructions or contact details.
 */
import { Type, type Static } from 'typebox';
import { IdParams, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { HealthColourSchema, TaskStateSchema } from './tasks.ts';

export const PublicEvidence = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  mediaType: Type.String(),
  byteSize: Type.Integer(),
  url: Type.String(),
}, { additionalProperties: false });

/** An accepted report a supervisor made public (its text, progress and period; never who wrote or reviewed it). */
export const PublicUpdate = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  periodKey: Type.String(),
  acceptedAt: Nullable(Type.String()),
  progress: Type.Number(),
  text: Type.String(),
  evidence: Type.Array(PublicEvidence),
}, { additionalProperties: false });
export type PublicUpdate = Static<typeof PublicUpdate>;

/** The rectification a lead turned into, as far as the public may follow it. */
export const PublicRectification = Type.Object({
  taskId: Type.String(),
  title: Type.String(),
  state: TaskStateSchema,
  dueDate: Nullable(Type.String()),
  progress: Type.Number(),
  closedAt: Nullable(Type.String()),
}, { additionalProperties: false });

/** An accepted lead: that it was accepted and what became of it; never its text, photo or contact. */
export const PublicLeadOutcome = Type.Object({
  id: Type.String(),
  acceptedAt: Nullable(Type.String()),
  rectification: Nullable(PublicRectification),
}, { additionalProperties: false });

const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() }, { additionalProperties: false });

export const PublicTask = Type.Object({
  id: Type.String(),
  areaId: Nullable(Type.String()),
  parentId: Nullable(Type.String()),
  label: Nullable(Type.String()),
  title: Type.String(),
  /** The lead unit's name (a unit, never a person). */
  leadUnit: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  state: TaskStateSchema,
  health: HealthColourSchema,
  healthReason: Nullable(Localised),
  progress: Type.Number(),
  closedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  updates: Type.Array(PublicUpdate),
  leads: Type.Array(PublicLeadOutcome),
}, { additionalProperties: false });
export type PublicTask = Static<typeof PublicTask>;

export const PublicArea = Type.Object({
  /** Null for the group of tasks that sit at the top of the programme without a work area. */
  id: Nullable(Type.String()),
  label: Nullable(Type.String()),
  title: Nullable(Type.String()),
  tasks: Type.Array(PublicTask),
}, { additionalProperties: false });
export type PublicArea = Static<typeof PublicArea>;

export const PublicProgramme = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  areas: Type.Array(PublicArea),
}, { additionalProperties: false });
export type PublicProgramme = Static<typeof PublicProgramme>;

export const PublicProgrammeSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  tasks: Type.Integer(),
  closed: Type.Integer(),
}, { additionalProperties: false });
export type PublicProgrammeSummary = Static<typeof PublicProgrammeSummary>;

/** A programme's publication state, for its supervisors. */
export const PublicationResponse = Type.Object({
  programmeId: Type.String(),
  published: Type.Boolean(),
  publishedAt: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()),
  version: Type.Integer(),
  publicUrl: Type.String(),
  /** The report and evidence ids of this programme currently marked public. */
  publicReportIds: Type.Array(Type.String()),
  publicEvidenceIds: Type.Array(Type.String()),
  abilities: Type.Object({ publish: Type.Boolean(), withdraw: Type.Boolean(), markPublic: Type.Boolean() }),
});
export type PublicationResponse = Static<typeof PublicationResponse>;

export const PublicityBody = Type.Object({ public: Type.Boolean() }, { additionalProperties: false });
export type PublicityBody = Static<typeof PublicityBody>;

export const PublicityResponse = Type.Object({
  id: Type.String(),
  public: Type.Boolean(),
  markedAt: Nullable(Type.String()),
});
export type PublicityResponse = Static<typeof PublicityResponse>;

export const publicationEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/programmes/:id/publication', params: IdParams, response: { 200: PublicationResponse } }),
  publish: endpoint({ method: 'POST', path: '/api/v1/programmes/:id/publication', params: IdParams, response: { 200: PublicationResponse } }),
  withdraw: endpoint({ method: 'DELETE', path: '/api/v1/programmes/:id/publication', params: IdParams, response: { 200: PublicationResponse } }),
  preview: endpoint({ method: 'GET', path: '/api/v1/programmes/:id/publication/preview', params: IdParams, response: { 200: PublicProgramme } }),
  reportPublicity: endpoint({ method: 'POST', path: '/api/v1/reports/:id/publicity', params: IdParams, body: PublicityBody, response: { 200: PublicityResponse } }),
  evidencePublicity: endpoint({ method: 'POST', path: '/api/v1/evidence/:id/publicity', params: IdParams, body: PublicityBody, response: { 200: PublicityResponse } }),
};
