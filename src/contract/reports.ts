/**
 * Progress reports (反馈): a task's reports and reporting periods, writing and reviewing, evidence (佐证材料) upload,
 * download and removal, and period locks.
 */
import { Type, type Static, type TLiteral } from 'typebox';
import { REPORT_STATES, type ReportEvent } from '../core/reports/index.ts';
import { IdParams, Items, NoContent, Nullable, StoredFileFields } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

/** Longest report text and longest note (problems, coordination, next steps, summary), in characters. */
export const REPORT_TEXT_MAX = 20_000;
export const REPORT_NOTE_MAX = 10_000;

// Built from REPORT_STATES so the two cannot drift.
export const ReportStateSchema = Literals(REPORT_STATES);

// Keyed by every kind of report event, so a new kind is a compile error here until it is listed.
const REPORT_EVENT_TYPES: Record<ReportEvent['type'], null> = {
  'report.created': null, 'report.edited': null, 'report.submitted': null, 'report.accepted': null, 'report.returned': null };
const ReportEventTypeSchema = Type.Union(Object.keys(REPORT_EVENT_TYPES).map((t) => Type.Literal(t)) as unknown as [TLiteral<ReportEvent['type']>]);

const MilestoneUpdateResponse = Type.Object({ milestoneId: Type.String(), done: Type.Boolean(), note: Nullable(Type.String()) });

export const ReportContentResponse = Type.Object({
  progress: Type.Number(),
  text: Type.String(),
  problems: Nullable(Type.String()),
  coordination: Nullable(Type.String()),
  nextSteps: Nullable(Type.String()),
  milestoneUpdates: Type.Array(MilestoneUpdateResponse),
  /** A final report (总结报告): it stands behind 申请办结. */
  final: Type.Boolean(),
  summary: Nullable(Type.String()) });
export type ReportContentResponse = Static<typeof ReportContentResponse>;

export const EvidenceResponse = Type.Object({
  id: Type.String(),
  reportId: Type.String(),
  ...StoredFileFields,
  downloadUrl: Type.String() });
export type EvidenceResponse = Static<typeof EvidenceResponse>;

export const PeriodResponse = Type.Object({
  key: Type.String(),
  start: Nullable(Type.String()),
  end: Type.String(),
  dueDate: Type.String(),
  dueAt: Type.String() });
export type PeriodResponse = Static<typeof PeriodResponse>;

export const ReportEventResponse = Type.Object({
  id: Type.String(),
  type: ReportEventTypeSchema,
  actorId: Type.String(),
  at: Type.String(),
  revision: Type.Integer(),
  reason: Nullable(Type.String()),
  late: Nullable(Type.Boolean()),
  /** On submissions: the content as submitted, so every revision stays readable. */
  content: Nullable(ReportContentResponse),
  evidence: Nullable(Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), sha256: Type.String(), byteSize: Type.Integer() }))) });
export type ReportEventResponse = Static<typeof ReportEventResponse>;

export const ReportResponse = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  unitId: Type.String(),
  periodKey: Type.String(),
  period: Nullable(PeriodResponse),
  locked: Type.Boolean(),
  state: ReportStateSchema,
  revision: Type.Integer(),
  ...ReportContentResponse.properties,
  authorId: Type.String(),
  writerIds: Type.Array(Type.String()),
  late: Type.Boolean(),
  firstSubmittedAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  returns: Type.Array(Type.Object({ revision: Type.Integer(), reason: Type.String(), actorId: Type.String(), at: Type.String() })),
  events: Type.Array(ReportEventResponse),
  evidence: Type.Array(EvidenceResponse),
  abilities: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), accept: Type.Boolean(), return: Type.Boolean() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer() });
export type ReportResponse = Static<typeof ReportResponse>;

export const ReportListResponse = Items(ReportResponse);
export type ReportListResponse = Static<typeof ReportListResponse>;

/** A unit's standing in a period: its report's state, or `missing`. */
export const PeriodUnitStateSchema = Type.Union([ReportStateSchema, Type.Literal('missing')], { description: 'draft, submitted, accepted, returned or missing' });

export const PeriodStandingResponse = Type.Object({
  ...PeriodResponse.properties,
  locked: Type.Boolean(),
  units: Type.Array(
    Type.Object({
      unitId: Type.String(),
      role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
      state: PeriodUnitStateSchema,
      reportId: Nullable(Type.String()),
      late: Type.Boolean(),
      overdue: Type.Boolean() }),
  ) });
export type PeriodStandingResponse = Static<typeof PeriodStandingResponse>;

export const PeriodsResponse = Type.Object({
  cadence: Nullable(Type.Object({}, { additionalProperties: true })),
  since: Nullable(Type.String()),
  periods: Type.Array(PeriodStandingResponse) });
export type PeriodsResponse = Static<typeof PeriodsResponse>;

export const PeriodLockResponse = Type.Object({ programmeId: Type.String(), periodKey: Type.String(), lockedBy: Nullable(Type.String()), lockedAt: Type.String() });
export type PeriodLockResponse = Static<typeof PeriodLockResponse>;

export const EvidenceUploadResponse = Type.Object({ items: Type.Array(EvidenceResponse), report: ReportResponse });
export type EvidenceUploadResponse = Static<typeof EvidenceUploadResponse>;

const PeriodKey = Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z-]+$' });
const Note = Nullable(Type.String({ maxLength: REPORT_NOTE_MAX }));
const MilestoneUpdates = Type.Array(
  Type.Object({ milestoneId: Type.String({ minLength: 1, maxLength: 64 }), done: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }),
  { maxItems: 100 },
);
const Progress = Type.Number({ minimum: 0, maximum: 100 });
const Text = Type.String({ minLength: 1, maxLength: REPORT_TEXT_MAX });
const Version = Type.Integer({ minimum: 1 });

export const CreateReportBody = Type.Object({
  periodKey: PeriodKey,
  unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  progress: Progress,
  text: Text,
  problems: Type.Optional(Note),
  coordination: Type.Optional(Note),
  nextSteps: Type.Optional(Note),
  milestoneUpdates: Type.Optional(MilestoneUpdates),
  final: Type.Optional(Type.Boolean({ description: 'The final report (总结报告) that 申请办结 stands on: needs a summary and evidence to be submitted' })),
  summary: Type.Optional(Note) }, { additionalProperties: false });
export type CreateReportBody = Static<typeof CreateReportBody>;

export const EditReportBody = Type.Object({
  version: Version,
  progress: Type.Optional(Progress),
  text: Type.Optional(Text),
  problems: Type.Optional(Note),
  coordination: Type.Optional(Note),
  nextSteps: Type.Optional(Note),
  milestoneUpdates: Type.Optional(MilestoneUpdates),
  final: Type.Optional(Type.Boolean()),
  summary: Type.Optional(Note) }, { additionalProperties: false });
export type EditReportBody = Static<typeof EditReportBody>;

/** Submit and accept carry nothing but an optional version (a bare POST without a body is accepted too). */
export const ReviewReportBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false });
export type ReviewReportBody = Static<typeof ReviewReportBody>;

export const ReturnReportBody = Type.Object({ reason: Type.String({ maxLength: 2000 }), version: Type.Optional(Version) }, { additionalProperties: false });
export type ReturnReportBody = Static<typeof ReturnReportBody>;

export const PeriodLockParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), periodKey: PeriodKey });

export const reportsEndpoints = {
  listForTask: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/reports', params: IdParams, response: { 200: ReportListResponse } }),
  periods: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/periods', params: IdParams, response: { 200: PeriodsResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/tasks/:id/reports', params: IdParams, body: CreateReportBody, response: { 201: ReportResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/reports/:id', params: IdParams, response: { 200: ReportResponse } }),
  edit: endpoint({ method: 'PATCH', path: '/api/v1/reports/:id', params: IdParams, body: EditReportBody, response: { 200: ReportResponse } }),
  submit: endpoint({ method: 'POST', path: '/api/v1/reports/:id/submit', params: IdParams, body: ReviewReportBody, response: { 200: ReportResponse } }),
  accept: endpoint({ method: 'POST', path: '/api/v1/reports/:id/accept', params: IdParams, body: ReviewReportBody, response: { 200: ReportResponse } }),
  return: endpoint({ method: 'POST', path: '/api/v1/reports/:id/return', params: IdParams, body: ReturnReportBody, response: { 200: ReportResponse } }),
  uploadEvidence: endpoint({ method: 'POST', path: '/api/v1/reports/:id/evidence', params: IdParams, multipart: true, response: { 201: EvidenceUploadResponse } }),
  downloadEvidence: endpoint({ method: 'GET', path: '/api/v1/evidence/:id/download', params: IdParams, file: true, response: {} }),
  deleteEvidence: endpoint({ method: 'DELETE', path: '/api/v1/evidence/:id', params: IdParams, response: { 204: NoContent } }),
  lockPeriod: endpoint({ method: 'POST', path: '/api/v1/programmes/:id/periods/:periodKey/lock', params: PeriodLockParams, response: { 201: PeriodLockResponse } }),
  unlockPeriod: endpoint({ method: 'DELETE', path: '/api/v1/programmes/:id/periods/:periodKey/lock', params: PeriodLockParams, response: { 204: NoContent } }) };
