/** Task → API shapes: the ledger row and the full page. */
import type { MilestoneResponse, TaskDetailResponse, TaskResponse, TaskWithAbilitiesResponse } from '../../../contract/tasks.ts';
import type { TaskAbilities } from './task-access.ts';
import type { TaskDetail } from './task-queries.ts';
import type { Milestone, Task } from './tasks.repository.ts';

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
    cadence: t.cadence && (t.cadence.kind === 'custom' ? { ...t.cadence, dates: [...t.cadence.dates] } : t.cadence),
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

export function presentMilestone(m: Milestone): MilestoneResponse {
  return { ...m, doneAt: iso(m.doneAt) };
}

function presentAbilities(a: TaskAbilities): TaskWithAbilitiesResponse['abilities'] {
  return {
    ...a,
    // fromEntries loses the keys' type; they are a.actions' own, one per action.
    actions: Object.fromEntries(
      Object.entries(a.actions).map(([k, v]) => [k, v.allowed ? { allowed: true, ...(v.reasonRequired ? { reasonRequired: true, because: v.because ?? [] } : {}) } : { allowed: false, code: v.code }]),
    ) as TaskWithAbilitiesResponse['abilities']['actions'],
  };
}

/** A task with the caller's abilities, as single-task writes answer. */
export function presentTaskWithAbilities(a: { task: Task; abilities: TaskAbilities; names?: NameLookup }): TaskWithAbilitiesResponse {
  return { ...presentNamedTask(a.task, a.names ?? NO_NAMES), abilities: presentAbilities(a.abilities) };
}

export function presentTaskDetail(d: TaskDetail): TaskDetailResponse {
  return {
    task: presentNamedTask(d.task, d.names),
    milestones: d.milestones.map(presentMilestone),
    path: d.path,
    children: d.children.map(presentTask),
    supervisorIds: d.supervisorIds,
    abilities: presentAbilities(d.abilities),
  };
}
