/** 传达学习 (relay and study) API shapes: request bodies the routes validate, responses the presenters return. */
import { Type, type Static } from 'typebox';
import { MEETING_TYPES, RELAY_STATES } from '../core/relays/index.ts';
import { IdParams, Items, NoContent, Nullable, StoredFileFields } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

// Unions built from the core's lists so the two cannot drift.
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** 党组会, 理论学习中心组, 专题会, 支部会, other — the same list as the core's `MEETING_TYPES`. */
export const MeetingTypeSchema = Literals(MEETING_TYPES);
export const RelayStateSchema = Literals(RELAY_STATES);
/** Minutes (the default) or photos (images only). */
export const RelayEvidenceKindSchema = Type.Union([Type.Literal('minutes'), Type.Literal('photo')]);

export const RelayListQuery = Type.Object({ documentId: Type.Optional(Type.String({ maxLength: 64 })), programmeId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export type RelayListQuery = Static<typeof RelayListQuery>;

export const CreateRelayCampaignBody = Type.Object({
  documentId: Id,
  programmeId: Id,
  /** Defaults to 15 days after the document's date. */
  deadline: Type.Optional(IsoDate),
  /** Defaults to the programme's lead and co-units. */
  unitIds: Type.Optional(Type.Array(Id, { maxItems: 500 })) }, { additionalProperties: false });
export type CreateRelayCampaignBody = Static<typeof CreateRelayCampaignBody>;

export const UpdateRelayCampaignBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  deadline: Type.Optional(IsoDate),
  unitIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })) }, { additionalProperties: false });
export type UpdateRelayCampaignBody = Static<typeof UpdateRelayCampaignBody>;

const RecordFields = {
  meetingType: MeetingTypeSchema,
  /** The meeting's name when the type is `other`. */
  meetingTypeOther: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  meetingDate: IsoDate,
  chair: Type.String({ minLength: 1, maxLength: 100 }),
  attendeeCount: Type.Integer({ minimum: 1, maximum: 100000 }),
  minutes: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  followUp: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))) };

export const CreateRelayRecordBody = Type.Object(RecordFields, { additionalProperties: false });
export type CreateRelayRecordBody = Static<typeof CreateRelayRecordBody>;

export const UpdateRelayRecordBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  meetingType: Type.Optional(RecordFields.meetingType),
  meetingTypeOther: RecordFields.meetingTypeOther,
  meetingDate: Type.Optional(IsoDate),
  chair: Type.Optional(RecordFields.chair),
  attendeeCount: Type.Optional(RecordFields.attendeeCount),
  minutes: RecordFields.minutes,
  followUp: RecordFields.followUp,
  /** Send the amended record back to the supervisors (only a returned record). */
  resubmit: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type UpdateRelayRecordBody = Static<typeof UpdateRelayRecordBody>;

export const ReturnRelayRecordBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export type ReturnRelayRecordBody = Static<typeof ReturnRelayRecordBody>;

export const RemindRelayBody = Type.Object({
  /** Only these missing units; defaults to every unit that has not recorded. */
  unitIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
  message: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type RemindRelayBody = Static<typeof RemindRelayBody>;

export const RelayEvidenceQuery = Type.Object({ kind: Type.Optional(RelayEvidenceKindSchema) });
export type RelayEvidenceQuery = Static<typeof RelayEvidenceQuery>;

export const RelayEvidenceResponse = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  kind: RelayEvidenceKindSchema,
  ...StoredFileFields });
export type RelayEvidenceResponse = Static<typeof RelayEvidenceResponse>;

export const RelayRecordResponse = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  state: RelayStateSchema,
  meetingType: MeetingTypeSchema,
  meetingTypeOther: Nullable(Type.String()),
  meetingDate: Type.String(),
  chair: Type.String(),
  attendeeCount: Type.Integer(),
  minutes: Nullable(Type.String()),
  followUp: Nullable(Type.String()),
  revision: Type.Integer(),
  returnReason: Nullable(Type.String()),
  returnedBy: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  recordedBy: Type.String(),
  firstSubmittedAt: Type.String(),
  submittedAt: Type.String(),
  onTime: Type.Boolean(),
  evidence: Type.Array(RelayEvidenceResponse),
  version: Type.Integer(),
  abilities: Type.Object({ edit: Type.Boolean(), resubmit: Type.Boolean(), return: Type.Boolean(), addEvidence: Type.Boolean() }) });
export type RelayRecordResponse = Static<typeof RelayRecordResponse>;

const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });
const RelayColour = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);

/** An expected unit's light against the deadline (core `relayUnitHealth`): colour, rule, days, and the words. */
export const RelayUnitHealth = Type.Object({
  colour: RelayColour,
  /** The rule behind the colour (core `RelayHealthCode`). */
  code: Type.Union([Type.Literal('overdue'), Type.Literal('due_soon'), Type.Literal('not_due'), Type.Literal('recorded_on_time'), Type.Literal('recorded_late')]),
  /** Days overdue or late, or days left. */
  days: Type.Integer(),
  /** The record was returned and counts as not recorded. */
  returned: Type.Boolean(),
  reason: Localised,
  /** Colour name and reason: 红灯：逾期3天未报传达学习记录. */
  summary: Localised });
export type RelayUnitHealth = Static<typeof RelayUnitHealth>;

/** The campaign's roll-up (core `relayCampaignHealth`): the worst unit's colour (null: no unit expected), counts, words. */
export const RelayCampaignHealth = Type.Object({
  colour: Nullable(RelayColour),
  counts: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
  summary: Localised });
export type RelayCampaignHealth = Static<typeof RelayCampaignHealth>;

export const RelayCoverageRow = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  /** `missing`, `submitted` or `returned`. */
  status: Type.Union([Type.Literal('missing'), Type.Literal('submitted'), Type.Literal('returned')]),
  recordId: Nullable(Type.String()),
  meetingType: Nullable(MeetingTypeSchema),
  meetingDate: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
  /** The last 催办 about this campaign to the unit. */
  lastRemindedAt: Nullable(Type.String()),
  health: RelayUnitHealth });
export type RelayCoverageRow = Static<typeof RelayCoverageRow>;

export const RelayCampaignResponse = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  documentTitle: Type.String(),
  programmeId: Type.String(),
  programmeTitle: Type.String(),
  deadline: Type.String(),
  expected: Type.Integer(),
  recorded: Type.Integer(),
  returned: Type.Integer(),
  missing: Type.Integer(),
  overdue: Type.Boolean(),
  /** Every expected unit's light rolled up; the same for every reader, like the counts beside it. */
  health: RelayCampaignHealth,
  createdAt: Type.String(),
  version: Type.Integer(),
  abilities: Type.Object({ manage: Type.Boolean(), remind: Type.Boolean(), record: Type.Boolean() }),
  /** The caller's unit's record, when it has one. */
  ownRecordId: Nullable(Type.String()) });
export type RelayCampaignResponse = Static<typeof RelayCampaignResponse>;

/** A campaign past its deadline with units still to record, for the supervisor's home ("needs me today"). */
export const RelayAttentionItem = Type.Object({
  id: Type.String(),
  documentTitle: Type.String(),
  programmeTitle: Type.String(),
  deadline: Type.String(),
  expected: Type.Integer(),
  /** Units without a submitted record (missing or returned): all of them red. */
  missing: Type.Integer(),
  health: RelayCampaignHealth });
export type RelayAttentionItem = Static<typeof RelayAttentionItem>;

export const RelayCampaignDetailResponse = Type.Object({
  ...RelayCampaignResponse.properties,
  /** Per expected unit; a liaison sees only its own unit's row, a viewer sees the rows without the records. */
  coverage: Type.Array(RelayCoverageRow) });
export type RelayCampaignDetailResponse = Static<typeof RelayCampaignDetailResponse>;

export const RelayRemindResponse = Type.Object({
  reminded: Type.Array(Type.String()),
  /** Units reminded less than 10 minutes ago, skipped. */
  skipped: Type.Array(Type.String()),
  recipients: Type.Integer() });
export type RelayRemindResponse = Static<typeof RelayRemindResponse>;

export const RelayCampaignListResponse = Items(RelayCampaignResponse);
export type RelayCampaignListResponse = Static<typeof RelayCampaignListResponse>;
export const RelayEvidenceListResponse = Items(RelayEvidenceResponse);
export type RelayEvidenceListResponse = Static<typeof RelayEvidenceListResponse>;

export const relaysEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/relays', querystring: RelayListQuery, response: { 200: RelayCampaignListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/relays', body: CreateRelayCampaignBody, response: { 201: RelayCampaignDetailResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/relays/:id', params: IdParams, response: { 200: RelayCampaignDetailResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/relays/:id', params: IdParams, body: UpdateRelayCampaignBody, response: { 200: RelayCampaignDetailResponse } }),
  remind: endpoint({ method: 'POST', path: '/api/v1/relays/:id/reminders', params: IdParams, body: RemindRelayBody, response: { 201: RelayRemindResponse } }),
  createRecord: endpoint({ method: 'POST', path: '/api/v1/relays/:id/records', params: IdParams, body: CreateRelayRecordBody, response: { 201: RelayRecordResponse } }),
  getRecord: endpoint({ method: 'GET', path: '/api/v1/relays/records/:id', params: IdParams, response: { 200: RelayRecordResponse } }),
  updateRecord: endpoint({ method: 'PATCH', path: '/api/v1/relays/records/:id', params: IdParams, body: UpdateRelayRecordBody, response: { 200: RelayRecordResponse } }),
  returnRecord: endpoint({ method: 'POST', path: '/api/v1/relays/records/:id/return', params: IdParams, body: ReturnRelayRecordBody, response: { 200: RelayRecordResponse } }),
  addEvidence: endpoint({
    method: 'POST', path: '/api/v1/relays/records/:id/evidence', params: IdParams, querystring: RelayEvidenceQuery, multipart: true, response: { 201: RelayEvidenceListResponse } }),
  downloadEvidence: endpoint({ method: 'GET', path: '/api/v1/relays/evidence/:id/download', params: IdParams, file: true, response: {} }),
  deleteEvidence: endpoint({ method: 'DELETE', path: '/api/v1/relays/evidence/:id', params: IdParams, response: { 204: NoContent } }) };
