/** Task → API shapes: the ledger row and the full page. */
import { Type, type Static } from 'typebox';
import { TASK_ACTIONS } from '../../../core/tasks/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import type { TaskAbilities } from './task-access.ts';
import type { TaskDetail } from './task-queries.ts';
import type { Milestone, Task } from './tasks.repository.ts';

const Localised = Type.Object({ 'zh-Hans': Type.String(), 'zh-Hant': Type.String(), en: Type.String() });

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
  reviewDate: Nullable(Type.String()),
  completionRequestedBy: Nullable(Type.String()),
  pendingExtension: Nullable(Type.Object({ newDueDate: Type.String(), requestedBy: Type.String(), reason: Type.String() })),
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

const Ability = Type.Object({ allowed: Type.Boolean(), code: Type.Optional(Type.String()) });

export const AbilitiesResponse = Type.Object({
  actions: Type.Object(Object.fromEntries(TASK_ACTIONS.map((a) => [a, Ability]))),
  plan: Type.Boolean(),
  report: Type.Boolean(),
  review: Type.Boolean(),
  instruct: Type.Boolean(),
  remind: Type.Boolean(),
  markMilestones: Type.Boolean(),
});

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

export function presentTask(t: Task): TaskResponse {
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
    reviewDate: t.reviewDate,
    completionRequestedBy: t.completionRequestedBy,
    pendingExtension: t.pendingExtension,
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
  return { ...a, actions: Object.fromEntries(Object.entries(a.actions).map(([k, v]) => [k, v.allowed ? { allowed: true } : { allowed: false, code: v.code }])) };
}

export function presentTaskDetail(d: TaskDetail) {
  return {
    task: presentTask(d.task),
    milestones: d.milestones.map(presentMilestone),
    path: d.path,
    children: d.children.map(presentTask),
    supervisorIds: d.supervisorIds,
    abilities: presentAbilities(d.abilities),
  };
}
