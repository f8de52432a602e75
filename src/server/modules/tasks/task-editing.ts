/** Planning use cases: create tasks by hand, edit their plan fields, and manage milestones. */
import type { Kysely } from 'kysely';
import type { KeyPoint } from '../../../core/intake/index.ts';
import { analyseText } from '../../../core/intake/index.ts';
import { cadenceProblems, type Cadence } from '../../../core/reports/index.ts';
import { hasVisibleCharacter, tidyTitle } from '../../../core/text.ts';
import { isIsoDate } from '../../../core/time.ts';
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { loadTask } from './task-access.ts';
import { refreshTaskAndAncestors } from './task-health.ts';
import { findMilestoneTaskId, findProgrammeStatus, insertMilestone, nextOrdinal } from './task-planning.repository.ts';
import { taskSearchSources } from './task-search.repository.ts';
import { requireActiveUnits, requireOwnerInUnit } from './task-transitions.ts';
import { canMarkMilestones, canPlan, canSeeProgramme, visibilityOf } from './tasks.policy.ts';
import { indexTaskSources } from '../search-index/index.ts';
import {
  deleteMilestoneRow, findTask, hasVisibleTaskIn, insertTask, insertTaskEvent, listMilestones, replaceCoUnits, supervisorIdsOf, updateMilestoneRow, updateTaskRow,
  type CoUnit, type Milestone, type Task, type TaskKind, type TaskPatch, type TaskType,
} from './tasks.repository.ts';

/** Plan changes appear on the task's timeline beside its transitions (the audit log keeps the full before/after). */
async function recordPlanEvent(trx: Kysely<DB>, actor: Actor, taskId: string, action: string, data: Record<string, unknown>, now: Date): Promise<void> {
  await insertTaskEvent(trx, { id: newId(now.getTime()), taskId, at: now, actorId: actor.kind === 'user' ? actor.id : null, action, from: null, to: null, reason: null, data });
}

/** The normalised form stored beside every title, so a search in either script finds it. */
export function normaliseTitle(title: string): string {
  return analyseText(title).norm;
}

function cleanTitle(title: string): string {
  const t = tidyTitle(title);
  if (!hasVisibleCharacter(t)) throw badRequest('invalid_title', 'The title must show at least one character');
  if (t.length > 500) throw badRequest('invalid_title', 'The title must have at most 500 characters');
  return t;
}

function checkDate(field: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && !isIsoDate(value)) throw badRequest(`${field}_invalid`, `${field} must be a date YYYY-MM-DD`);
}

function checkCadence(cadence: Cadence | null | undefined): void {
  if (!cadence) return;
  const problems = cadenceProblems(cadence);
  if (problems.length) throw badRequest('cadence_invalid', `Reporting cadence: ${problems.join('; ')}`);
}

function checkCoUnits(leadUnitId: string | null, coUnits: CoUnit[]): void {
  const ids = coUnits.map((c) => c.unitId);
  if (new Set(ids).size !== ids.length) throw badRequest('units_invalid', 'A co-unit is listed twice');
  if (leadUnitId && ids.includes(leadUnitId)) throw badRequest('units_invalid', 'The lead unit cannot also be a co-unit');
}

/** Throws unless the actor supervises the (active) programme: 404 when they may not know of it, 403 otherwise. */
export async function requireProgrammeSupervisor(db: Kysely<DB>, actor: Actor, programmeId: string): Promise<void> {
  const programme = await findProgrammeStatus(db, programmeId);
  if (!programme) throw notFound('programme');
  if (actor.kind === 'system') return;
  const supervisors = await supervisorIdsOf(db, programmeId);
  if (!supervisesProgramme(actor, supervisors)) {
    if (!canSeeProgramme(actor, supervisors, await hasVisibleTaskIn(db, programmeId, visibilityOf(actor)))) throw notFound('programme');
    throw forbidden('Only a supervisor of this programme can plan its tasks');
  }
  if (programme.status === 'archived') throw conflict('programme_archived', 'The programme is archived');
}

export interface NewTaskInput {
  programmeId: string;
  parentId?: string | null;
  label?: string | null;
  title: string;
  description?: string | null;
  leadUnitId?: string | null;
  coUnits?: CoUnit[];
  ownerUserId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  cadence?: Cadence | null;
  weight?: number;
  tags?: string[];
  targets?: unknown[];
  /** Clauses that elaborate the task, with their spans in the source document. */
  keyPoints?: KeyPoint[];
  source?: { documentId: string; start: number; end: number } | null;
  /** A 整改 task made from an inspection finding, or a commitment (the default). */
  taskType?: TaskType;
  findingId?: string | null;
}

/** Inserts one task row under `parentId` (checked by the caller); used by hand creation and by publishing a draft. */
export async function insertPlannedTask(trx: Kysely<DB>, input: NewTaskInput, now: Date): Promise<string> {
  const title = cleanTitle(input.title);
  checkDate('start_date', input.startDate);
  checkDate('due_date', input.dueDate);
  checkCadence(input.cadence);
  const coUnits = input.coUnits ?? [];
  checkCoUnits(input.leadUnitId ?? null, coUnits);
  await requireActiveUnits(trx, [...(input.leadUnitId ? [input.leadUnitId] : []), ...coUnits.map((c) => c.unitId)]);
  if (input.ownerUserId) await requireOwnerInUnit(trx, input.ownerUserId, input.leadUnitId ?? null);
  let kind: TaskKind = 'area';
  let depth = 0;
  let areaId: string | null = null;
  if (input.parentId) {
    const parent = await findTask(trx, input.parentId);
    if (!parent || parent.programmeId !== input.programmeId) throw badRequest('parent_not_found', 'The parent task is not in this programme');
    if (parent.state === 'closed') throw conflict('parent_closed', 'A closed task cannot take new sub-tasks; reopen it first');
    kind = parent.depth === 0 ? 'task' : 'subtask';
    depth = parent.depth + 1;
    areaId = parent.areaId;
  }
  const ordinal = await nextOrdinal(trx, input.programmeId, input.parentId ?? null);
  const id = newId(now.getTime());
  const at = now.toISOString();
  await insertTask(
    trx,
    {
      id,
      programme_id: input.programmeId,
      parent_id: input.parentId ?? null,
      area_id: areaId ?? id,
      depth,
      kind,
      ordinal,
      label: input.label ?? null,
      title,
      title_norm: normaliseTitle(title),
      description: input.description ?? null,
      source_document_id: input.source?.documentId ?? null,
      source_start: input.source?.start ?? null,
      source_end: input.source?.end ?? null,
      state: 'draft',
      lead_unit_id: input.leadUnitId ?? null,
      owner_user_id: input.ownerUserId ?? null,
      start_date: input.startDate ?? null,
      due_date: input.dueDate ?? null,
      cadence_json: input.cadence ? JSON.stringify(input.cadence) : null,
      weight: input.weight ?? 1,
      progress: 0,
      tags_json: JSON.stringify(input.tags ?? []),
      targets_json: JSON.stringify(input.targets ?? []),
      key_points_json: input.keyPoints?.length ? JSON.stringify(input.keyPoints) : null,
      suspended_from: null,
      review_date: null,
      completion_requested_by: null,
      pending_extension_json: null,
      health: 'none',
      health_json: null,
      assigned_at: null,
      signed_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
      task_type: input.taskType ?? 'commitment',
      finding_id: input.findingId ?? null,
    },
    coUnits,
  );
  await indexTaskSources(trx, await taskSearchSources(trx, { ids: [id] }));
  return id;
}

/** A supervisor adds a task (or work area, without a parent) to a programme they supervise. */
export async function createTask(ctx: AppContext, actor: Actor, input: NewTaskInput): Promise<Task> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await requireProgrammeSupervisor(trx, actor, input.programmeId);
    const id = await insertPlannedTask(trx, input, now);
    const task = (await findTask(trx, id))!;
    await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: id, after: task }, now);
    if (task.parentId) await refreshTaskAndAncestors(trx, task.parentId, now);
    return task;
  });
}

export interface UpdateTaskInput {
  version: number;
  title?: string;
  description?: string | null;
  leadUnitId?: string | null;
  coUnits?: CoUnit[];
  ownerUserId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  cadence?: Cadence | null;
  weight?: number;
  tags?: string[];
}

/** Edits the plan of a task; the lead unit changes here only before assignment (afterwards: reassign). */
export async function updateTask(ctx: AppContext, actor: Actor, id: string, input: UpdateTaskInput): Promise<Task> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((trx) => applyTaskUpdate(trx, actor, id, input, now));
}

/** A plan change inside the caller's transaction (the ledger's bulk deadline change makes many in one). */
export async function applyTaskUpdate(trx: Kysely<DB>, actor: Actor, id: string, input: UpdateTaskInput, now: Date): Promise<Task> {
  const { task, capacities } = await loadTask(trx, actor, id);
  if (!canPlan(capacities, task)) throw forbidden('Only a supervisor of this programme can change the plan of an open task');
  if (task.version !== input.version) throw versionConflict('task', task.version);
  const patch: TaskPatch = {};
  if (input.title !== undefined) {
    patch.title = cleanTitle(input.title);
    patch.titleNorm = normaliseTitle(patch.title);
  }
  if (input.description !== undefined) patch.description = input.description?.trim() || null;
  if (input.leadUnitId !== undefined && input.leadUnitId !== task.leadUnitId) {
    if (task.state !== 'draft') throw conflict('use_reassign', 'The task is assigned; change its units with reassign');
    if (input.leadUnitId !== null) await requireActiveUnits(trx, [input.leadUnitId]);
    patch.leadUnitId = input.leadUnitId;
    if (input.ownerUserId === undefined) patch.ownerUserId = null;
  }
  const leadUnitId = patch.leadUnitId !== undefined ? patch.leadUnitId : task.leadUnitId;
  if (input.coUnits !== undefined) {
    checkCoUnits(leadUnitId, input.coUnits);
    const added = input.coUnits.map((c) => c.unitId).filter((u) => !task.coUnits.some((c) => c.unitId === u));
    if (added.length && task.state !== 'draft') throw conflict('use_reassign', 'The task is assigned; add co-units with reassign');
    await requireActiveUnits(trx, added);
  }
  if (input.ownerUserId !== undefined) {
    if (input.ownerUserId !== null) await requireOwnerInUnit(trx, input.ownerUserId, leadUnitId);
    patch.ownerUserId = input.ownerUserId;
  }
  checkDate('start_date', input.startDate);
  checkDate('due_date', input.dueDate);
  if (input.startDate !== undefined) patch.startDate = input.startDate;
  if (input.dueDate !== undefined) patch.dueDate = input.dueDate;
  if (input.cadence !== undefined) {
    checkCadence(input.cadence);
    patch.cadence = input.cadence;
  }
  if (input.weight !== undefined) {
    if (!(input.weight >= 0 && input.weight <= 1000)) throw badRequest('weight_invalid', 'Weight must be between 0 and 1000');
    patch.weight = input.weight;
  }
  if (input.tags !== undefined) patch.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (!(await updateTaskRow(trx, id, patch, now, task.version))) throw versionConflict('task', await currentVersion(trx, 'tasks', id));
  if (input.coUnits !== undefined) await replaceCoUnits(trx, id, input.coUnits);
  if (input.title !== undefined || input.description !== undefined) await indexTaskSources(trx, await taskSearchSources(trx, { ids: [id] }));
  const after = (await findTask(trx, id))!;
  await appendAudit(trx, actor, { action: 'task.updated', objectType: 'task', objectId: id, before: task, after }, now);
  const fields = Object.entries(input).filter(([k, v]) => k !== 'version' && v !== undefined).map(([k]) => k);
  await recordPlanEvent(trx, actor, id, 'task.updated', { fields }, now);
  await refreshTaskAndAncestors(trx, id, now);
  return (await findTask(trx, id))!;
}

export interface MilestoneInput {
  version: number;
  title?: string;
  dueDate?: string;
  done?: boolean;
}

async function getMilestone(db: Kysely<DB>, id: string): Promise<Milestone & { taskId: string }> {
  const taskId = await findMilestoneTaskId(db, id);
  if (!taskId) throw notFound('milestone');
  const [m] = await listMilestones(db, [taskId]).then((all) => all.filter((x) => x.id === id));
  return m!;
}

/** A milestone with its task as the actor sees it; a milestone of a task they may not see does not exist for them. */
async function loadMilestone(db: Kysely<DB>, actor: Actor, id: string): Promise<{ milestone: Milestone; access: Awaited<ReturnType<typeof loadTask>> }> {
  const milestone = await getMilestone(db, id);
  try {
    return { milestone, access: await loadTask(db, actor, milestone.taskId) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('milestone');
    throw err;
  }
}

/** Adds a dated checkpoint to a task (supervisor of the programme). */
export async function addMilestone(ctx: AppContext, actor: Actor, taskId: string, input: { title: string; dueDate: string }): Promise<Milestone> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { task, capacities } = await loadTask(trx, actor, taskId);
    if (!canPlan(capacities, task)) throw forbidden('Only a supervisor of this programme can plan milestones');
    const title = cleanTitle(input.title);
    checkDate('due_date', input.dueDate);
    const count = (await listMilestones(trx, [taskId])).length;
    const id = newId(now.getTime());
    await insertMilestone(trx, { id, taskId, ordinal: count, title, dueDate: input.dueDate, now });
    const m = await getMilestone(trx, id);
    await appendAudit(trx, actor, { action: 'milestone.created', objectType: 'milestone', objectId: id, after: m, context: { taskId } }, now);
    await recordPlanEvent(trx, actor, taskId, 'milestone.created', { milestoneId: id, title: m.title, dueDate: m.dueDate }, now);
    await refreshTaskAndAncestors(trx, taskId, now);
    return m;
  });
}

/** Renames, re-dates (supervisor) or marks a milestone done (supervisor or the lead unit's liaison). */
export async function updateMilestone(ctx: AppContext, actor: Actor, id: string, input: MilestoneInput): Promise<Milestone> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { milestone: before, access: { task, capacities } } = await loadMilestone(trx, actor, id);
    const planning = input.title !== undefined || input.dueDate !== undefined;
    if (planning && !canPlan(capacities, task)) throw forbidden('Only a supervisor of this programme can plan milestones');
    if (input.done !== undefined && !canMarkMilestones(capacities, task)) {
      throw forbidden('Only the lead unit or a supervisor can mark a milestone done');
    }
    checkDate('due_date', input.dueDate);
    if (before.version !== input.version) throw versionConflict('milestone', before.version);
    const patch = {
      ...(input.title !== undefined ? { title: cleanTitle(input.title) } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.done !== undefined ? { done: input.done ? { at: now } : null } : {}),
    };
    if (!(await updateMilestoneRow(trx, id, patch, now, input.version))) throw versionConflict('milestone', await currentVersion(trx, 'milestones', id));
    const after = await getMilestone(trx, id);
    await appendAudit(trx, actor, { action: 'milestone.updated', objectType: 'milestone', objectId: id, before, after, context: { taskId: task.id } }, now);
    const changed = Object.entries(input).filter(([k, v]) => k !== 'version' && v !== undefined).map(([k]) => k);
    await recordPlanEvent(trx, actor, task.id, 'milestone.updated', { milestoneId: id, title: after.title, dueDate: after.dueDate, done: after.done, changed }, now);
    await refreshTaskAndAncestors(trx, task.id, now);
    return after;
  });
}

export async function deleteMilestone(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { milestone: before, access: { task, capacities } } = await loadMilestone(trx, actor, id);
    if (!canPlan(capacities, task)) throw forbidden('Only a supervisor of this programme can plan milestones');
    if (before.version !== version || !(await deleteMilestoneRow(trx, id, version))) {
      throw versionConflict('milestone', await currentVersion(trx, 'milestones', id));
    }
    await appendAudit(trx, actor, { action: 'milestone.deleted', objectType: 'milestone', objectId: id, before, context: { taskId: task.id } }, now);
    await recordPlanEvent(trx, actor, task.id, 'milestone.deleted', { milestoneId: id, title: before.title }, now);
    await refreshTaskAndAncestors(trx, task.id, now);
  });
}
