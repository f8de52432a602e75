/** 调查研究 / 督促检查 (research and inspections) API shapes, with 整改 (rectification) of their findings. */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** 暗访, 专项督查, 调研 (the core's `INSPECTION_KINDS`). */
export const InspectionKindSchema = Type.Union([Type.Literal('unannounced'), Type.Literal('special'), Type.Literal('research')]);
export const InspectionStateSchema = Type.Union([Type.Literal('planned'), Type.Literal('in_progress'), Type.Literal('reporting'), Type.Literal('closed')]);
/** 一般, 较重, 严重. */
export const FindingSeveritySchema = Type.Union([Type.Literal('general'), Type.Literal('serious'), Type.Literal('grave')]);
export const FindingSourceSchema = Type.Union([Type.Literal('finding'), Type.Literal('recommendation')]);
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
  targetTaskIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
}, { additionalProperties: false });
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
  targetTaskIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
}, { additionalProperties: false });
export type UpdateInspectionBody = Static<typeof UpdateInspectionBody>;

export const InspectionTransitionBody = Type.Object({
  action: Type.Union([Type.Literal('start'), Type.Literal('report'), Type.Literal('close'), Type.Literal('reopen')]),
  version: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false });

export const CreateVisitBody = Type.Object({
  unitId: Type.Optional(Nullable(Id)),
  visitedOn: IsoDate,
  notes: Type.String({ minLength: 1, maxLength: 20000 }),
}, { additionalProperties: false });

export const CreateFindingBody = Type.Object({
  unitId: Id,
  visitId: Type.Optional(Nullable(Id)),
  source: Type.Optional(FindingSourceSchema),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  severity: FindingSeveritySchema,
}, { additionalProperties: false });

export const RectifyFindingBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  dueDate: IsoDate,
  ownerUserId: Type.Optional(Nullable(Id)),
  /** Defaults to 「整改：<finding title>」 (a recommendation: its title). */
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
}, { additionalProperties: false });

export const NotApplicableBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
}, { additionalProperties: false });

export const InspectionEvidenceQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('photo'), Type.Literal('note'), Type.Literal('report')])),
  visitId: Type.Optional(Id),
  findingId: Type.Optional(Id),
}, { additionalProperties: false });

export const InspectionEvidenceResponse = Type.Object({
  id: Type.String(),
  visitId: Nullable(Type.String()),
  findingId: Nullable(Type.String()),
  kind: Type.String(),
  filename: Type.String(),
  mediaType: Type.String(),
  byteSize: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  createdAt: Type.String(),
});
export type InspectionEvidenceResponse = Static<typeof InspectionEvidenceResponse>;

export const VisitResponse = Type.Object({
  id: Type.String(),
  unitId: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  visitedOn: Type.String(),
  notes: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
});
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
  taskState: Nullable(Type.String()),
  taskDueDate: Nullable(Type.String()),
  naReason: Nullable(Type.String()),
  naBy: Nullable(Type.String()),
  naAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
  abilities: Type.Object({ rectify: Type.Boolean(), notApplicable: Type.Boolean() }),
});
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
  version: Type.Integer(),
});
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
    actions: Type.Object({ start: Type.Boolean(), report: Type.Boolean(), close: Type.Boolean(), reopen: Type.Boolean() }),
  }),
});
export type InspectionResponse = Static<typeof InspectionResponse>;

/** A task's findings, for the task page: each with its inspection. */
export const TaskFindingResponse = Type.Object({
  ...FindingResponse.properties,
  inspectionTopic: Type.String(),
  inspectionKind: InspectionKindSchema,
  inspectionState: InspectionStateSchema,
});
export type TaskFindingResponse = Static<typeof TaskFindingResponse>;

/** Filled in as the module's routes move to contract endpoints (src/contract/endpoint.ts). */
export const inspectionsEndpoints = {};
