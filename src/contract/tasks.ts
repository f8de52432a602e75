/**
 * Tasks: the ledger (`GET /api/v1/tasks`), a task's page, planning, lifecycle actions (`…/transitions`) and
 * milestones (节点).
 */
import { Type, type Static } from 'typebox';
import { HEALTH_COLOURS, TASK_ACTIONS, TASK_KINDS, TASK_STATES, type TaskAction } from '../core/tasks/index.ts';
import { IdParams, NoContent, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { LEDGER_FILTER_FIELDS } from './ledger.ts';
import { Literals } from './literals.ts';

// Built from the core's arrays so the two cannot drift; the casts keep the unions' types (a mapped array loses its literals).
export const TaskStateSchema = Literals(TASK_STATES);
export const HealthColourSchema = Literals(HEALTH_COLOURS);
export const TaskKindSchema = Literals(TASK_KINDS);
export const TaskActionSchema = Literals(TASK_ACTIONS);

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const GraceDays = Type.Optional(Type.Integer({ minimum: 0, maximum: 60 }));

/** A reporting cadence as a write sends it. */
export const CadenceBody = Type.Union([
  Type.Object({ kind: Type.Literal('weekly'), graceDays: GraceDays }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('monthly'), graceDays: GraceDays }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('quarterly'), graceDays: GraceDays }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('custom'), dates: Type.Array(IsoDate, { minItems: 1, maxItems: 366 }), graceDays: GraceDays }, { additionalProperties: false }),
]);
export type CadenceBody = Static<typeof CadenceBody>;

/** A reporting cadence as a task carries it. */
export const CadenceResponse = Type.Union([
  Type.Object({ kind: Type.Union([Type.Literal('weekly'), Type.Literal('monthly'), Type.Literal('quarterly')]), graceDays: Type.Optional(Type.Integer()) }),
  Type.Object({ kind: Type.Literal('custom'), dates: Type.Array(Type.String()), graceDays: Type.Optional(Type.Integer()) }),
]);
export type CadenceResponse = Static<typeof CadenceResponse>;

const CoUnitsBody = Type.Array(Type.Object({ unitId: Type.String({ minLength: 1 }), part: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }), { maxItems: 50 });

export const CoUnitResponse = Type.Object({ unitId: Type.String(), part: Nullable(Type.String()) });
export type CoUnitResponse = Static<typeof CoUnitResponse>;

const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });

export const HealthReasonResponse = Type.Object({ code: Type.String(), colour: HealthColourSchema, params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) });
export type HealthReasonResponse = Static<typeof HealthReasonResponse>;

export const ExtensionDecisionResponse = Type.Object({
  decision: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
  decidedBy: Type.String(),
  /** Display name of the decider, so a liaison without the user directory reads who decided. */
  decidedByName: Nullable(Type.String()),
  at: Type.String(),
  reason: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedDueDate: Type.String(),
  previousDueDate: Nullable(Type.String()),
  newDueDate: Nullable(Type.String()) });
export type ExtensionDecisionResponse = Static<typeof ExtensionDecisionResponse>;

export const ClosureResponse = Type.Object({
  closedBy: Type.String(),
  closedByName: Nullable(Type.String()),
  at: Type.String(),
  reason: Nullable(Type.String()),
  progress: Type.Number(),
  finalReportAccepted: Type.Boolean() });
export type ClosureResponse = Static<typeof ClosureResponse>;

export const TaskResponse = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  parentId: Nullable(Type.String()),
  areaId: Type.String(),
  depth: Type.Integer(),
  kind: TaskKindSchema,
  ordinal: Type.Integer(),
  label: Nullable(Type.String()),
  title: Type.String(),
  description: Nullable(Type.String()),
  source: Nullable(Type.Object({ documentId: Type.String(), start: Type.Integer(), end: Type.Integer() })),
  state: TaskStateSchema,
  leadUnitId: Nullable(Type.String()),
  coUnits: Type.Array(CoUnitResponse),
  ownerUserId: Nullable(Type.String()),
  startDate: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  cadence: Nullable(CadenceResponse),
  weight: Type.Number(),
  progress: Type.Number(),
  tags: Type.Array(Type.String()),
  /** The decomposed targets (value, unit, direction) indicators are made from. */
  targets: Type.Array(Type.Object({}, { additionalProperties: true })),
  /** Clauses of the source that elaborate the task (key points), with their spans. */
  keyPoints: Type.Array(Type.Object({ text: Type.String(), span: Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }) })),
  reviewDate: Nullable(Type.String()),
  completionRequestedBy: Nullable(Type.String()),
  pendingExtension: Nullable(Type.Object({ newDueDate: Type.String(), requestedBy: Type.String(), reason: Type.String() })),
  /** The last decision on an extension request: who, when, why, and the dates. */
  lastExtensionDecision: Nullable(ExtensionDecisionResponse),
  /** How the task was closed (销号); null while open. */
  closure: Nullable(ClosureResponse),
  /** 'commitment' or 'rectification' (整改, made from an inspection finding `findingId`). */
  taskType: Type.Union([Type.Literal('commitment'), Type.Literal('rectification')]),
  findingId: Nullable(Type.String()),
  health: HealthColourSchema,
  healthSummary: Nullable(Localised),
  healthReasons: Type.Array(HealthReasonResponse),
  assignedAt: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer() });
export type TaskResponse = Static<typeof TaskResponse>;

export const ActionAbilityResponse = Type.Object({
  allowed: Type.Boolean(),
  /** Why not, as the state machine says it (`children_open`, `evidence_required`, `forbidden`, …). */
  code: Type.Optional(Type.String()),
  /** On an allowed 销号 that needs a stated reason, and why (`progress_below_100`, `final_report_not_accepted`). */
  reasonRequired: Type.Optional(Type.Boolean()),
  because: Type.Optional(Type.Array(Type.String())) });
export type ActionAbilityResponse = Static<typeof ActionAbilityResponse>;

/** One ability per action, keyed by TASK_ACTIONS (fromEntries loses the keys' type; the cast restores it). */
const ActionAbilities = Type.Object(Object.fromEntries(TASK_ACTIONS.map((a) => [a, ActionAbilityResponse])) as Record<TaskAction, typeof ActionAbilityResponse>);

export const AbilitiesResponse = Type.Object({
  actions: ActionAbilities,
  plan: Type.Boolean(),
  report: Type.Boolean(),
  review: Type.Boolean(),
  instruct: Type.Boolean(),
  remind: Type.Boolean(),
  /** Tick a milestone done (the lead unit's liaison, or a supervisor; not on a closed task). */
  markMilestones: Type.Boolean() });
export type AbilitiesResponse = Static<typeof AbilitiesResponse>;

/** A task as a single-task write answers it (transitions, plan edits, creation): with the caller's abilities. */
export const TaskWithAbilitiesResponse = Type.Object({ ...TaskResponse.properties, abilities: AbilitiesResponse });
export type TaskWithAbilitiesResponse = Static<typeof TaskWithAbilitiesResponse>;

export const MilestoneResponse = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  ordinal: Type.Integer(),
  title: Type.String(),
  dueDate: Type.String(),
  done: Type.Boolean(),
  doneAt: Nullable(Type.String()),
  version: Type.Integer() });
export type MilestoneResponse = Static<typeof MilestoneResponse>;

export const TaskDetailResponse = Type.Object({
  task: TaskResponse,
  milestones: Type.Array(MilestoneResponse),
  path: Type.Array(Type.Object({ id: Type.String(), label: Nullable(Type.String()), title: Type.String() })),
  children: Type.Array(TaskResponse),
  supervisorIds: Type.Array(Type.String()),
  abilities: AbilitiesResponse });
export type TaskDetailResponse = Static<typeof TaskDetailResponse>;

export const LEDGER_SORTS = ['ordinal', 'due', 'health', 'updated', 'title', 'progress'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export const LedgerQuery = Type.Object({
  ...LEDGER_FILTER_FIELDS,
  sort: Type.Optional(Literals(LEDGER_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Count the filtered list; by default only on the first page (offset 0). */
  withTotal: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type LedgerQuery = Static<typeof LedgerQuery>;

export const LedgerResponse = Type.Object({
  items: Type.Array(TaskResponse),
  // Counted once per filter: on the first page, or with `withTotal=true`.
  total: Type.Optional(Type.Integer()),
  hasMore: Type.Boolean() });
export type LedgerResponse = Static<typeof LedgerResponse>;

/** The plan of a task, shared by creating and editing one. */
const PLAN_FIELDS = {
  description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  leadUnitId: Type.Optional(Nullable(Type.String())),
  coUnits: Type.Optional(CoUnitsBody),
  ownerUserId: Type.Optional(Nullable(Type.String())),
  startDate: Type.Optional(Nullable(IsoDate)),
  dueDate: Type.Optional(Nullable(IsoDate)),
  cadence: Type.Optional(Nullable(CadenceBody)),
  weight: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })) };

export const CreateTaskBody = Type.Object({
  parentId: Type.Optional(Nullable(Type.String())),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  ...PLAN_FIELDS }, { additionalProperties: false });
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const UpdateTaskBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  ...PLAN_FIELDS }, { additionalProperties: false });
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

export const TransitionBody = Type.Object({
  action: TaskActionSchema,
  version: Type.Integer({ minimum: 1 }),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  reviewDate: Type.Optional(IsoDate),
  newDueDate: Type.Optional(IsoDate),
  leadUnitId: Type.Optional(Type.String()),
  coUnits: Type.Optional(CoUnitsBody),
  ownerUserId: Type.Optional(Nullable(Type.String())),
  dueDate: Type.Optional(Nullable(IsoDate)),
  /** assign / reassign: the reporting cadence, set in the same request (null clears it). */
  cadence: Type.Optional(Nullable(CadenceBody)) }, { additionalProperties: false });
export type TransitionBody = Static<typeof TransitionBody>;

export const AddMilestoneBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: 500 }), dueDate: IsoDate }, { additionalProperties: false });
export type AddMilestoneBody = Static<typeof AddMilestoneBody>;

export const UpdateMilestoneBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  dueDate: Type.Optional(IsoDate),
  done: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type UpdateMilestoneBody = Static<typeof UpdateMilestoneBody>;

export const DeleteMilestoneQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const tasksEndpoints = {
  ledger: endpoint({ method: 'GET', path: '/api/v1/tasks', querystring: LedgerQuery, response: { 200: LedgerResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/programmes/:id/tasks', params: IdParams, body: CreateTaskBody, response: { 201: TaskWithAbilitiesResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/tasks/:id', params: IdParams, response: { 200: TaskDetailResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/tasks/:id', params: IdParams, body: UpdateTaskBody, response: { 200: TaskWithAbilitiesResponse } }),
  transition: endpoint({ method: 'POST', path: '/api/v1/tasks/:id/transitions', params: IdParams, body: TransitionBody, response: { 200: TaskWithAbilitiesResponse } }),
  addMilestone: endpoint({ method: 'POST', path: '/api/v1/tasks/:id/milestones', params: IdParams, body: AddMilestoneBody, response: { 201: MilestoneResponse } }),
  updateMilestone: endpoint({ method: 'PATCH', path: '/api/v1/milestones/:id', params: IdParams, body: UpdateMilestoneBody, response: { 200: MilestoneResponse } }),
  deleteMilestone: endpoint({ method: 'DELETE', path: '/api/v1/milestones/:id', params: IdParams, querystring: DeleteMilestoneQuery, response: { 204: NoContent } }) };
