/** Task → API shapes: the ledger row and the full page. */
import { Type, type Static } from 'typebox';
import { TASK_ACTIONS } from '../../../core/tasks/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import type { TaskAbilities } from './task-access.ts';
import type { TaskDetail } from './task-queries.ts';
import type { Milestone, Task } from './tasks.repository.ts';

const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });

const ExtensionDecisionResponse = Type.Object({
  decision: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
  decidedBy: Type.String(),
  /** Display name of the decider, so a liaison without the user directory reads who decided. */
  decidedByName: Nullable(Type.String()),
  at: Type.String(),
  reason: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedDueDate: Type.String(),
  previousDueDate: Nullable(Type.String()),
  newDueDate: Nullable(Type.String()),
});

const ClosureResponse = Type.Object({
  closedBy: Type.String(),
  closedByName: Nullable(Type.String()),
  at: Type.String(),
  reason: Nullable(Type.String()),
  progress: Type.Number(),
  finalReportAccepted: Type.Boolean(),
});

export const TaskResponse = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  parentId: Nullable(Type.String()),
  areaId: Type.String(),
  depth: Type.Integer(),
  kind: Type.String(),
  ordinal: Type.Integer(),
  label: Nullable(Type.String()),
  title: Type.String(),
  description: Nullable(Type.String()),
  source: Nullable(Type.Object({ documentId: Type.String(), start: Type.Integer(), end: Type.Integer() })),
  state: Type.String(),
  leadUnitId: Nullable(Type.String()),
  coUnits: Type.Array(Type.Object({ unitId: Type.String(), part: Nullable(Type.String()) })),
  ownerUserId: Nullable(Type.String()),
  startDate: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  cadence: Nullable(Type.Object({}, { additionalProperties: true })),
  weight: Type.Number(),
  progress: Type.Number(),
  tags: Type.Array(Type.String()),
  targets: Type.Array(Type.Object({}, { additionalProperties: true })),
  /** Clauses of the source that elaborate the task (key points), with their spans. */
  keyPoints: Type.Array(Type.Object({ text: Type.String(), span: Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }) })),
  reviewDate: Nullable(Type.String()),
  completionRequestedBy: Nullable(Type.String()),
  pendingExtension: Nullable(Type.Object({ newDueDate: Type.String(), requestedBy: Type.String(), reason: Type.String() })),
  lastExtensionDecision: Nullable(ExtensionDecisionResponse),
  closure: Nullable(ClosureResponse),
  /** 'commitment' or 'rectification' (整改, made from an inspection finding `findingId`). */
  taskType: Type.Union([Type.Literal('commitment'), Type.Literal('rectification')]),
  findingId: Nullable(Type.String()),
  health: Type.String(),
  healthSummary: Nullable(Localised),
  healthReasons: Type.Array(Type.Object({ code: Type.String(), colour: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) })),
  assignedAt: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type TaskResponse = Static<typeof TaskResponse>;

const Ability = Type.Object({
  allowed: Type.Boolean(),
  code: Type.Optional(Type.String()),
  /** On an allowed 销号 that needs a stated reason, and why (`progress_below_100`, `final_report_not_accepted`). */
  reasonRequired: Type.Optional(Type.Boolean()),
  because: Type.Optional(Type.Array(Type.String())),
});

export const AbilitiesResponse = Type.Object({
  actions: Type.Object(Object.fromEntries(TASK_ACTIONS.map((a) => [a, Ability]))),
  plan: Type.Boolean(),
  report: Type.Boolean(),
  review: Type.Boolean(),
  instruct: Type.Boolean(),
  remind: Type.Boolean(),
  markMilestones: Type.Boolean(),
});

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
  version: Type.Integer(),
});

export const TaskDetailResponse = Type.Object({
  task: TaskResponse,
  milestones: Type.Array(MilestoneResponse),
  path: Type.Array(Type.Object({ id: Type.String(), label: Nullable(Type.String()), title: Type.String() })),
  children: Type.Array(TaskResponse),
  supervisorIds: Type.Array(Type.String()),
  abilities: AbilitiesResponse,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Display names of the people a task's decisions name, looked up once per answer. */
export type NameLookup = ReadonlyMap<string, string>;

const NO_NAMES: NameLookup = new Map();

/** A task as lists show it (decision names are left out: the page and the write answers carry them). */
export function presentTask(t: Task): TaskResponse {
  return presentNamedTask(t, NO_NAMES);
}

function presentNamedTask(t: Task, names: NameLookup): TaskResponse {
  return {
    id: t.id,
    programmeId: t.programmeId,
    parentId: t.parentId,
    areaId: t.areaId,
    depth: t.depth,
    kind: t.kind,
    ordinal: t.ordinal,
    label: t.label,
    title: t.title,
    description: t.description,
    source: t.source,
    state: t.state,
    leadUnitId: t.leadUnitId,
    coUnits: t.coUnits,
    ownerUserId: t.ownerUserId,
    startDate: t.startDate,
    dueDate: t.dueDate,
    cadence: t.cadence as Record<string, unknown> | null,
    weight: t.weight,
    progress: t.progress,
    tags: t.tags,
    targets: t.targets as Array<Record<string, unknown>>,
    keyPoints: t.keyPoints.map((k) => ({ text: k.text, span: [k.span[0], k.span[1]] })),
    reviewDate: t.reviewDate,
    completionRequestedBy: t.completionRequestedBy,
    pendingExtension: t.pendingExtension,
    lastExtensionDecision: t.lastExtensionDecision ? { ...t.lastExtensionDecision, decidedByName: names.get(t.lastExtensionDecision.decidedBy) ?? null } : null,
    closure: t.closure ? { ...t.closure, closedByName: names.get(t.closure.closedBy) ?? null } : null,
    taskType: t.taskType,
    findingId: t.findingId,
    health: t.health,
    healthSummary: t.healthDetail?.summary ?? null,
    healthReasons: (t.healthDetail?.reasons ?? []).map((r) => ({ code: r.code, colour: r.colour, params: { ...r.params } })),
    assignedAt: iso(t.assignedAt),
    signedAt: iso(t.signedAt),
    closedAt: iso(t.closedAt),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

export function presentMilestone(m: Milestone) {
  return { ...m, doneAt: iso(m.doneAt) };
}

function presentAbilities(a: TaskAbilities) {
  return {
    ...a,
    actions: Object.fromEntries(
      Object.entries(a.actions).map(([k, v]) => [k, v.allowed ? { allowed: true, ...(v.reasonRequired ? { reasonRequired: true, because: v.because ?? [] } : {}) } : { allowed: false, code: v.code }]),
    ),
  };
}

/** A task with the caller's abilities, as single-task writes answer. */
export function presentTaskWithAbilities(a: { task: Task; abilities: TaskAbilities; names?: NameLookup }): TaskWithAbilitiesResponse {
  return { ...presentNamedTask(a.task, a.names ?? NO_NAMES), abilities: presentAbilities(a.abilities) };
}

export function presentTaskDetail(d: TaskDetail) {
  return {
    task: presentNamedTask(d.task, d.names),
    milestones: d.milestones.map(presentMilestone),
    path: d.path,
    children: d.children.map(presentTask),
    supervisorIds: d.supervisorIds,
    abilities: presentAbilities(d.abilities),
  };
}
