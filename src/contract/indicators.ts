/** Request and response shapes of `/api/v1/indicators` (对标对表). No I/O: the web imports these as types. */
import { Type, type Static } from 'typebox';
import { INDICATOR_DIRECTIONS, INDICATOR_PERIODS } from '../core/indicators/indicators.ts';
import { IdParams, Items, NoContent, Nullable, StoredFileFields } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

// Built from the core's lists so the two cannot drift.
export const IndicatorDirection = Literals(INDICATOR_DIRECTIONS);
export const IndicatorPeriod = Literals(INDICATOR_PERIODS);
export const IndicatorStatus = Type.Union([Type.Literal('on_track'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('no_data')]);
export const ActualState = Type.Union([Type.Literal('submitted'), Type.Literal('accepted'), Type.Literal('returned')]);

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Figure = Type.Number({ minimum: -1e15, maximum: 1e15 });
export const PeriodKey = Type.String({ minLength: 4, maxLength: 10, pattern: '^\\d{4}(-Q[1-4]|-\\d{2})?$' });

export const CreateIndicatorBody = Type.Object(
  {
    programmeId: Id,
    taskId: Type.Optional(Nullable(Id)),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    unit: Type.String({ maxLength: 40 }),
    baseline: Figure,
    target: Figure,
    direction: IndicatorDirection,
    period: IndicatorPeriod,
    tolerance: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
    responsibleUnitId: Id,
    startDate: IsoDate,
    endDate: IsoDate },
  { additionalProperties: false },
);
export type CreateIndicatorBody = Static<typeof CreateIndicatorBody>;

export const UpdateIndicatorBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    unit: Type.Optional(Type.String({ maxLength: 40 })),
    baseline: Type.Optional(Figure),
    target: Type.Optional(Figure),
    direction: Type.Optional(IndicatorDirection),
    tolerance: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
    responsibleUnitId: Type.Optional(Id),
    startDate: Type.Optional(IsoDate),
    endDate: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export type UpdateIndicatorBody = Static<typeof UpdateIndicatorBody>;

export const FromTargetsBody = Type.Object({ programmeId: Id, period: Type.Optional(IndicatorPeriod) }, { additionalProperties: false });
export type FromTargetsBody = Static<typeof FromTargetsBody>;

export const ReportActualBody = Type.Object(
  { periodKey: PeriodKey, value: Figure, note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);
export type ReportActualBody = Static<typeof ReportActualBody>;

export const ReturnActualBody = Type.Object({ reason: Type.String({ maxLength: 2000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export type ReturnActualBody = Static<typeof ReturnActualBody>;
/** May be sent empty (no body at all): the route treats a missing body as `{}`. */
export const AcceptActualBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export type AcceptActualBody = Static<typeof AcceptActualBody>;

export const AddPeerBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    value: Figure,
    periodKey: PeriodKey,
    source: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type AddPeerBody = Static<typeof AddPeerBody>;

export const IndicatorListQuery = Type.Object(
  {
    programmeId: Type.Optional(Id),
    taskId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    status: Type.Optional(IndicatorStatus) },
  { additionalProperties: false },
);
export type IndicatorListQuery = Static<typeof IndicatorListQuery>;

export const IndicatorEvidenceResponse = Type.Object({
  id: Type.String(),
  actualId: Type.String(),
  ...StoredFileFields,
  downloadUrl: Type.String() });
export type IndicatorEvidenceResponse = Static<typeof IndicatorEvidenceResponse>;

export const ActualResponse = Type.Object({
  id: Type.String(),
  indicatorId: Type.String(),
  periodKey: Type.String(),
  value: Type.Number(),
  note: Nullable(Type.String()),
  state: ActualState,
  revision: Type.Integer(),
  reportedBy: Type.String(),
  submittedAt: Type.String(),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  evidence: Type.Array(IndicatorEvidenceResponse),
  abilities: Type.Object({ revise: Type.Boolean(), addEvidence: Type.Boolean(), accept: Type.Boolean(), return: Type.Boolean() }),
  version: Type.Integer() });
export type ActualResponse = Static<typeof ActualResponse>;

export const PeerResponse = Type.Object({
  id: Type.String(),
  indicatorId: Type.String(),
  name: Type.String(),
  value: Type.Number(),
  periodKey: Type.String(),
  source: Type.String(),
  createdAt: Type.String() });
export type PeerResponse = Static<typeof PeerResponse>;

export const IndicatorAbilities = Type.Object({ edit: Type.Boolean(), report: Type.Boolean(), review: Type.Boolean(), addPeer: Type.Boolean() });

export const IndicatorResponse = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  taskId: Nullable(Type.String()),
  taskTitle: Nullable(Type.String()),
  name: Type.String(),
  unit: Type.String(),
  baseline: Type.Number(),
  target: Type.Number(),
  direction: IndicatorDirection,
  period: IndicatorPeriod,
  tolerance: Nullable(Type.Number()),
  responsibleUnitId: Type.String(),
  responsibleUnitName: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  fromTarget: Type.Boolean(),
  /** The judgement of the latest accepted actual against the time line (时序进度). */
  status: IndicatorStatus,
  latest: Nullable(Type.Object({ periodKey: Type.String(), value: Type.Number() })),
  expected: Type.Number(),
  asOf: Type.String(),
  abilities: IndicatorAbilities,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer() });
export type IndicatorResponse = Static<typeof IndicatorResponse>;

export const SeriesPoint = Type.Object({
  periodKey: Type.String(),
  periodEnd: Type.String(),
  target: Type.Number(),
  /** What the straight line from baseline to target expects at the period's end. */
  expected: Type.Number(),
  actual: Nullable(Type.Number()),
  actualState: Nullable(ActualState) });
export type SeriesPoint = Static<typeof SeriesPoint>;

export const IndicatorDetailResponse = Type.Object({
  indicator: IndicatorResponse,
  series: Type.Array(SeriesPoint),
  actuals: Type.Array(ActualResponse),
  peers: Type.Array(PeerResponse),
  /** Periods the caller may report on now (started, within the span, not accepted yet). */
  openPeriods: Type.Array(Type.String()) });
export type IndicatorDetailResponse = Static<typeof IndicatorDetailResponse>;

export const IndicatorListResponse = Type.Object({ items: Type.Array(IndicatorResponse), canCreate: Type.Boolean() });
export type IndicatorListResponse = Static<typeof IndicatorListResponse>;

export const FromTargetsResponse = Type.Object({
  created: Type.Array(IndicatorResponse),
  skipped: Type.Array(Type.Object({ taskId: Type.String(), text: Type.String(), reason: Type.String() })) });
export type FromTargetsResponse = Static<typeof FromTargetsResponse>;

export const IndicatorEvidenceListResponse = Items(IndicatorEvidenceResponse);
export type IndicatorEvidenceListResponse = Static<typeof IndicatorEvidenceListResponse>;

export const indicatorsEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/indicators', querystring: IndicatorListQuery, response: { 200: IndicatorListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/indicators', body: CreateIndicatorBody, response: { 201: IndicatorDetailResponse } }),
  fromTargets: endpoint({ method: 'POST', path: '/api/v1/indicators/from-targets', body: FromTargetsBody, response: { 200: FromTargetsResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/indicators/:id', params: IdParams, response: { 200: IndicatorDetailResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/indicators/:id', params: IdParams, body: UpdateIndicatorBody, response: { 200: IndicatorDetailResponse } }),
  reportActual: endpoint({ method: 'POST', path: '/api/v1/indicators/:id/actuals', params: IdParams, body: ReportActualBody, response: { 201: ActualResponse } }),
  acceptActual: endpoint({ method: 'POST', path: '/api/v1/indicator-actuals/:id/accept', params: IdParams, body: AcceptActualBody, response: { 200: ActualResponse } }),
  returnActual: endpoint({ method: 'POST', path: '/api/v1/indicator-actuals/:id/return', params: IdParams, body: ReturnActualBody, response: { 200: ActualResponse } }),
  addEvidence: endpoint({ method: 'POST', path: '/api/v1/indicator-actuals/:id/evidence', params: IdParams, multipart: true, response: { 201: IndicatorEvidenceListResponse } }),
  downloadEvidence: endpoint({ method: 'GET', path: '/api/v1/indicator-evidence/:id/download', params: IdParams, file: true, response: {} }),
  addPeer: endpoint({ method: 'POST', path: '/api/v1/indicators/:id/peers', params: IdParams, body: AddPeerBody, response: { 201: PeerResponse } }),
  deletePeer: endpoint({ method: 'DELETE', path: '/api/v1/indicator-peers/:id', params: IdParams, response: { 204: NoContent } }) };
