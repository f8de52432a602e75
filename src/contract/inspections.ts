/** 调查研究 / 督促检查 (research and inspections) API shapes, with 整改 (rectification) of their findings. */
import { Type, type Static } from 'typebox';
import {
  FINDING_SEVERITIES, FINDING_SOURCES, INSPECTION_ACTIONS, INSPECTION_KINDS, INSPECTION_STATES } from '../core/inspections/index.ts';
import { IdParams, Items, Nullable, StoredFileFields } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';
import { TaskStateSchema } from './tasks.ts';

// Unions built from the core's lists so the two cannot drift.
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** 暗访, 专项督查, 调研 (the core's `INSPECTION_KINDS`). */
export const InspectionKindSchema = Literals(INSPECTION_KINDS);
export const InspectionStateSchema = Literals(INSPECTION_STATES);
/** 一般, 较重, 严重. */
export const FindingSeveritySchema = Literals(FINDING_SEVERITIES);
export const FindingSourceSchema = Literals(FINDING_SOURCES);
/** Photos, notes, or the research report (调研报告). */
export const InspectionEvidenceKindSchema = Type.Union([Type.Literal('photo'), Type.Literal('note'), Type.Literal('report')]);
export const FindingStandingSchema = Type.Union([Type.Literal('open'), Type.Literal('rectifying'), Type.Literal('rectified'), Type.Literal('not_applicable')]);

export const CreateInspectionBody = Type.Object({
  programmeId: Id,
  topic: Type.String({ minLength: 1, maxLength: 300 }),
  kind: InspectionKindSchema,
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  startDate: Type.Optional(Nullable(IsoDate)),
  endDate: Type.Optional(Nullable(IsoDate)),
  /** The teams: each member once, with the team's name; `leader` marks the team leader (组长). */
  members: Type.Array(Type.Object({ userId: Id, team: Type.String({ minLength: 1, maxLength: 100 }), leader: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  targetUnitIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  targetTaskIds: Type.Optional(Type.Array(Id, { maxItems: 500 })) }, { additionalProperties: false });
export type CreateInspectionBody = Static<typeof CreateInspectionBody>;

/** A change of plan: only the fields sent change (teams and targets are replaced as a whole). */
export const UpdateInspectionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  startDate: Type.Optional(Nullable(IsoDate)),
  endDate: Type.Optional(Nullable(IsoDate)),
  members: Type.Optional(CreateInspectionBody.properties.members),
  targetUnitIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  targetTaskIds: Type.Optional(Type.Array(Id, { maxItems: 500 })) }, { additionalProperties: false });
export type UpdateInspectionBody = Static<typeof UpdateInspectionBody>;

export const InspectionListQuery = Type.Object({
  programmeId: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(InspectionStateSchema) }, { additionalProperties: false });
export type InspectionListQuery = Static<typeof InspectionListQuery>;

export const InspectionTransitionBody = Type.Object({
  action: Literals(INSPECTION_ACTIONS),
  version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type InspectionTransitionBody = Static<typeof InspectionTransitionBody>;

export const CreateVisitBody = Type.Object({
  unitId: Type.Optional(Nullable(Id)),
  visitedOn: IsoDate,
  notes: Type.String({ minLength: 1, maxLength: 20000 }) }, { additionalProperties: false });
export type CreateVisitBody = Static<typeof CreateVisitBody>;

export const CreateFindingBody = Type.Object({
  unitId: Id,
  visitId: Type.Optional(Nullable(Id)),
  source: Type.Optional(FindingSourceSchema),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  severity: FindingSeveritySchema }, { additionalProperties: false });
export type CreateFindingBody = Static<typeof CreateFindingBody>;

export const RectifyFindingBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  dueDate: IsoDate,
  ownerUserId: Type.Optional(Nullable(Id)),
  /** Defaults to 「整改：<finding title>」 (a recommendation: its title). */
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });
export type RectifyFindingBody = Static<typeof RectifyFindingBody>;

export const NotApplicableBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export type NotApplicableBody = Static<typeof NotApplicableBody>;

export const InspectionEvidenceQuery = Type.Object({
  kind: Type.Optional(InspectionEvidenceKindSchema),
  visitId: Type.Optional(Id),
  findingId: Type.Optional(Id) }, { additionalProperties: false });
export type InspectionEvidenceQuery = Static<typeof InspectionEvidenceQuery>;

export const InspectionEvidenceResponse = Type.Object({
  id: Type.String(),
  visitId: Nullable(Type.String()),
  findingId: Nullable(Type.String()),
  kind: InspectionEvidenceKindSchema,
  ...StoredFileFields });
export type InspectionEvidenceResponse = Static<typeof InspectionEvidenceResponse>;

export const VisitResponse = Type.Object({
  id: Type.String(),
  unitId: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  visitedOn: Type.String(),
  notes: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String() });
export type VisitResponse = Static<typeof VisitResponse>;

export const FindingResponse = Type.Object({
  id: Type.String(),
  inspectionId: Type.String(),
  visitId: Nullable(Type.String()),
  unitId: Type.String(),
  unitName: Type.String(),
  source: FindingSourceSchema,
  title: Type.String(),
  description: Nullable(Type.String()),
  severity: FindingSeveritySchema,
  standing: FindingStandingSchema,
  taskId: Nullable(Type.String()),
  taskState: Nullable(TaskStateSchema),
  taskDueDate: Nullable(Type.String()),
  naReason: Nullable(Type.String()),
  naBy: Nullable(Type.String()),
  naAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
  abilities: Type.Object({ rectify: Type.Boolean(), notApplicable: Type.Boolean() }) });
export type FindingResponse = Static<typeof FindingResponse>;

export const InspectionSummaryResponse = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  programmeTitle: Type.String(),
  topic: Type.String(),
  kind: InspectionKindSchema,
  state: InspectionStateSchema,
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  findings: Type.Integer(),
  openFindings: Type.Integer(),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer() });
export type InspectionSummaryResponse = Static<typeof InspectionSummaryResponse>;

export const InspectionResponse = Type.Object({
  ...InspectionSummaryResponse.properties,
  description: Nullable(Type.String()),
  members: Type.Array(Type.Object({ userId: Type.String(), displayName: Type.String(), team: Type.String(), leader: Type.Boolean() })),
  targetUnits: Type.Array(Type.Object({ unitId: Type.String(), name: Type.String() })),
  targetTasks: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String() })),
  visits: Type.Array(VisitResponse),
  findingList: Type.Array(FindingResponse),
  evidence: Type.Array(InspectionEvidenceResponse),
  abilities: Type.Object({
    manage: Type.Boolean(),
    record: Type.Boolean(),
    actions: Type.Object({ start: Type.Boolean(), report: Type.Boolean(), close: Type.Boolean(), reopen: Type.Boolean() }) }) });
export type InspectionResponse = Static<typeof InspectionResponse>;

/** A task's findings, for the task page: each with its inspection. */
export const TaskFindingResponse = Type.Object({
  ...FindingResponse.properties,
  inspectionTopic: Type.String(),
  inspectionKind: InspectionKindSchema,
  inspectionState: InspectionStateSchema });
export type TaskFindingResponse = Static<typeof TaskFindingResponse>;

export const InspectionListResponse = Items(InspectionSummaryResponse);
export type InspectionListResponse = Static<typeof InspectionListResponse>;
export const InspectionEvidenceListResponse = Items(InspectionEvidenceResponse);
export type InspectionEvidenceListResponse = Static<typeof InspectionEvidenceListResponse>;
export const TaskFindingListResponse = Items(TaskFindingResponse);
export type TaskFindingListResponse = Static<typeof TaskFindingListResponse>;

export const inspectionsEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/inspections', querystring: InspectionListQuery, response: { 200: InspectionListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/inspections', body: CreateInspectionBody, response: { 201: InspectionResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/inspections/:id', params: IdParams, response: { 200: InspectionResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/inspections/:id', params: IdParams, body: UpdateInspectionBody, response: { 200: InspectionResponse } }),
  transition: endpoint({ method: 'POST', path: '/api/v1/inspections/:id/transitions', params: IdParams, body: InspectionTransitionBody, response: { 200: InspectionResponse } }),
  createVisit: endpoint({ method: 'POST', path: '/api/v1/inspections/:id/visits', params: IdParams, body: CreateVisitBody, response: { 201: VisitResponse } }),
  createFinding: endpoint({ method: 'POST', path: '/api/v1/inspections/:id/findings', params: IdParams, body: CreateFindingBody, response: { 201: FindingResponse } }),
  rectify: endpoint({ method: 'POST', path: '/api/v1/inspections/findings/:id/rectify', params: IdParams, body: RectifyFindingBody, response: { 201: FindingResponse } }),
  notApplicable: endpoint({ method: 'POST', path: '/api/v1/inspections/findings/:id/not-applicable', params: IdParams, body: NotApplicableBody, response: { 200: FindingResponse } }),
  addEvidence: endpoint({
    method: 'POST', path: '/api/v1/inspections/:id/evidence', params: IdParams, querystring: InspectionEvidenceQuery, multipart: true, response: { 201: InspectionEvidenceListResponse } }),
  downloadEvidence: endpoint({ method: 'GET', path: '/api/v1/inspections/evidence/:id/download', params: IdParams, file: true, response: {} }),
  taskFindings: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/findings', params: IdParams, response: { 200: TaskFindingListResponse } }) };
