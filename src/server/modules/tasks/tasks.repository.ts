/** Tasks, their co-units, milestones and timeline events: queries and row ↔ domain mapping. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DialectKind } from '../../platform/db/database.ts';
import type { Closure, CompletionPolicy, ExtensionDecision, FinalReportStanding, HealthColour, HealthResult, PendingExtension, SuspendableState, TaskKind, TaskState } from '../../../core/tasks/index.ts';
import type { Cadence } from '../../../core/reports/index.ts';
import type { KeyPoint } from '../../../core/intake/index.ts';
import type { IndicatorFact } from '../../../core/indicators/index.ts';
import type { DB, TasksTable } from '../../platform/db/schema.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { dialectOf } from '../../platform/db/fulltext.ts';
import { jsonRows, parseJsonRows } from '../../platform/db/sql-helpers.ts';
import { programmesSupervisedBy, supervisorIdsOf, supervisorsFromJson, supervisorsJson, supervisorsOf, type SupervisorFacts } from '../supervision/index.ts';

export type { TaskKind };

/** What the task is for: a commitment of the programme, or a 整改 made from an inspection finding. */
export type TaskType = 'commitment' | 'rectification';

export interface CoUnit {
  unitId: string;
  part: string | null;
}

export interface Task {
  id: string;
  programmeId: string;
  parentId: string | null;
  areaId: string;
  depth: number;
  kind: TaskKind;
  ordinal: number;
  label: string | null;
  title: string;
  description: string | null;
  source: { documentId: string; start: number; end: number } | null;
  state: TaskState;
  leadUnitId: string | null;
  ownerUserId: string | null;
  startDate: string | null;
  dueDate: string | null;
  cadence: Cadence | null;
  weight: number;
  progress: number;
  tags: string[];
  targets: unknown[];
  keyPoints: KeyPoint[];
  /** Its indicators with their latest accepted actual, kept by the indicators module for the health rules. */
  indicatorFacts: IndicatorFact[];
  suspendedFrom: SuspendableState | null;
  reviewDate: string | null;
  completionRequestedBy: string | null;
  pendingExtension: PendingExtension | null;
  /** The last decision on an extension request, with who, when and why. */
  lastExtensionDecision: ExtensionDecision | null;
  /** How the task was closed; null while open (a reopen clears it, the timeline keeps it). */
  closure: Closure | null;
  taskType: TaskType;
  /** The inspection finding (or research recommendation) the task was made from. */
  findingId: string | null;
  health: HealthColour;
  healthDetail: HealthResult | null;
  assignedAt: Date | null;
  signedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  coUnits: CoUnit[];
}

const date = (v: string | null) => (v ? new Date(v) : null);

function toTask(r: TasksTable, coUnits: CoUnit[]): Task {
  return {
    id: r.id,
    programmeId: r.programme_id,
    parentId: r.parent_id,
    areaId: r.area_id ?? r.id,
    depth: Number(r.depth),
    kind: r.kind as TaskKind,
    ordinal: Number(r.ordinal),
    label: r.label,
    title: r.title,
    description: r.description,
    source: r.source_document_id !== null && r.source_start !== null && r.source_end !== null
      ? { documentId: r.source_document_id, start: Number(r.source_start), end: Number(r.source_end) }
      : null,
    state: r.state as TaskState,
    leadUnitId: r.lead_unit_id,
    ownerUserId: r.owner_user_id,
    startDate: r.start_date,
    dueDate: r.due_date,
    cadence: fromJson<Cadence>(r.cadence_json),
    weight: Number(r.weight),
    progress: Number(r.progress),
    tags: fromJson<string[]>(r.tags_json) ?? [],
    targets: fromJson<unknown[]>(r.targets_json) ?? [],
    keyPoints: fromJson<KeyPoint[]>(r.key_points_json) ?? [],
    indicatorFacts: fromJson<IndicatorFact[]>(r.indicators_json ?? null) ?? [],
    suspendedFrom: r.suspended_from as SuspendableState | null,
    reviewDate: r.review_date,
    completionRequestedBy: r.completion_requested_by,
    pendingExtension: fromJson<PendingExtension>(r.pending_extension_json),
    lastExtensionDecision: fromJson<ExtensionDecision>(r.last_extension_decision_json ?? null),
    closure: fromJson<Closure>(r.closure_json ?? null),
    taskType: r.task_type === 'rectification' ? 'rectification' : 'commitment',
    findingId: r.finding_id ?? null,
    health: r.health as HealthColour,
    healthDetail: fromJson<HealthResult>(r.health_json),
    assignedAt: date(r.assigned_at),
    signedAt: date(r.signed_at),
    closedAt: date(r.closed_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
    coUnits,
  };
}

async function coUnitsOf(db: Kysely<DB>, taskIds: string[]): Promise<Map<string, CoUnit[]>> {
  const map = new Map<string, CoUnit[]>();
  if (taskIds.length === 0) return map;
  // Sorted here, not in SQL: an ORDER BY unit_id would have PostgreSQL walk the whole unit index.
  const rows = await db.selectFrom('task_co_units').select(['task_id', 'unit_id', 'part']).where('task_id', 'in', taskIds).execute();
  for (const r of rows) map.set(r.task_id, [...(map.get(r.task_id) ?? []), { unitId: r.unit_id, part: r.part }]);
  for (const list of map.values()) list.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return map;
}

/** Rows to domain objects, with co-units loaded in one query. */
export async function hydrate(db: Kysely<DB>, rows: TasksTable[]): Promise<Task[]> {
  const co = await coUnitsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toTask(r, co.get(r.id) ?? []));
}

// Nearly every request about a task begins here: its co-units come in the same statement, one row per co-unit.
export async function findTask(db: Kysely<DB>, id: string): Promise<Task | null> {
  return (await findTaskRows(db, id, false))?.task ?? null;
}

/** A task with its programme's supervisors (`supervisorsOf`), in one statement: what every access check reads. */
export async function findTaskWithSupervisors(
  db: Kysely<DB>,
  id: string,
  opts: { healthInputs?: boolean } = {},
): Promise<{ task: Task; supervisors: SupervisorFacts[]; healthInputs?: HealthInputs } | null> {
  const found = await findTaskRows(db, id, true, opts.healthInputs ?? false);
  return found ? { task: found.task, supervisors: found.supervisors!, ...(found.healthInputs ? { healthInputs: found.healthInputs } : {}) } : null;
}

async function findTaskRows(
  db: Kysely<DB>,
  id: string,
  withSupervisors: boolean,
  withHealthInputs = false,
): Promise<{ task: Task; supervisors?: SupervisorFacts[]; healthInputs?: HealthInputs } | null> {
  const rows = await db
    .selectFrom('tasks')
    .leftJoin('task_co_units', 'task_co_units.task_id', 'tasks.id')
    .selectAll('tasks')
    .select(['task_co_units.unit_id as co_unit_id', 'task_co_units.part as co_part'])
    .$if(withSupervisors, (q) => q.select(supervisorsJson(dialectOf(db), 'tasks.programme_id').as('supervisors_json')))
    .$if(withHealthInputs, (q) => q.select(healthInputColumns(dialectOf(db))))
    .where('tasks.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const { co_unit_id: _unit, co_part: _part, supervisors_json: supervisors, h_thresholds, h_children, h_milestones, h_accepted, h_pending, h_decisions, ...row } =
    first as typeof first & { supervisors_json?: unknown } & Partial<HealthInputRow>;
  const coUnits = rows.flatMap((r) => (r.co_unit_id === null ? [] : [{ unitId: r.co_unit_id, part: r.co_part }]));
  // Sorted as coUnitsOf sorts them.
  coUnits.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const healthInputs = withHealthInputs
    ? toHealthInputs(id, { h_thresholds: h_thresholds ?? null, h_children, h_milestones, h_accepted: h_accepted ?? null, h_pending: h_pending ?? null, h_decisions })
    : undefined;
  return { task: toTask(row, coUnits), ...(withSupervisors ? { supervisors: supervisorsFromJson(supervisors) } : {}), ...(healthInputs ? { healthInputs } : {}) };
}

export async function countOpenChildren(db: Kysely<DB>, parentId: string): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', parentId)
    .where('state', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Everything a row needs on insert; the service fills in defaults. */
export type NewTaskRow = Omit<TasksTable, 'version'>;

export async function insertTask(db: Kysely<DB>, row: NewTaskRow, coUnits: CoUnit[]): Promise<void> {
  await db.insertInto('tasks').values({ ...row, version: 1 }).execute();
  if (coUnits.length) {
    await db.insertInto('task_co_units').values(coUnits.map((c) => ({ task_id: row.id, unit_id: c.unitId, part: c.part }))).execute();
  }
  const members = [...(row.lead_unit_id ? [{ task_id: row.id, unit_id: row.lead_unit_id, role: 'lead' as const }] : []), ...coUnits.map((c) => ({ task_id: row.id, unit_id: c.unitId, role: 'co' as const }))];
  if (members.length) await db.insertInto('task_units').values(members).execute();
}

// task_units mirrors lead_unit_id and task_co_units in the same transaction, so the unit filter and a liaison's
// scope read one indexed table instead of `lead = ? OR EXISTS(co-unit)`, which no index serves.
async function syncLeadUnit(db: Kysely<DB>, taskId: string, leadUnitId: string | null): Promise<void> {
  await db.deleteFrom('task_units').where('task_id', '=', taskId).where('role', '=', 'lead').execute();
  if (leadUnitId) await db.insertInto('task_units').values({ task_id: taskId, unit_id: leadUnitId, role: 'lead' }).execute();
}

export interface TaskPatch {
  title?: string;
  titleNorm?: string;
  description?: string | null;
  state?: TaskState;
  leadUnitId?: string | null;
  ownerUserId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  cadence?: Cadence | null;
  weight?: number;
  tags?: string[];
  suspendedFrom?: SuspendableState | null;
  reviewDate?: string | null;
  completionRequestedBy?: string | null;
  pendingExtension?: PendingExtension | null;
  lastExtensionDecision?: ExtensionDecision | null;
  closure?: Closure | null;
  assignedAt?: Date | null;
  signedAt?: Date | null;
  closedAt?: Date | null;
  parentId?: string | null;
  ordinal?: number;
}

function patchColumns(p: TaskPatch): Partial<TasksTable> {
  const out: Partial<TasksTable> = {};
  if (p.title !== undefined) out.title = p.title;
  if (p.titleNorm !== undefined) out.title_norm = p.titleNorm;
  if (p.description !== undefined) out.description = p.description;
  if (p.state !== undefined) out.state = p.state;
  if (p.leadUnitId !== undefined) out.lead_unit_id = p.leadUnitId;
  if (p.ownerUserId !== undefined) out.owner_user_id = p.ownerUserId;
  if (p.startDate !== undefined) out.start_date = p.startDate;
  if (p.dueDate !== undefined) out.due_date = p.dueDate;
  if (p.cadence !== undefined) out.cadence_json = toJson(p.cadence);
  if (p.weight !== undefined) out.weight = p.weight;
  if (p.tags !== undefined) out.tags_json = JSON.stringify(p.tags);
  if (p.suspendedFrom !== undefined) out.suspended_from = p.suspendedFrom;
  if (p.reviewDate !== undefined) out.review_date = p.reviewDate;
  if (p.completionRequestedBy !== undefined) out.completion_requested_by = p.completionRequestedBy;
  if (p.pendingExtension !== undefined) out.pending_extension_json = toJson(p.pendingExtension);
  if (p.lastExtensionDecision !== undefined) out.last_extension_decision_json = toJson(p.lastExtensionDecision);
  if (p.closure !== undefined) out.closure_json = toJson(p.closure);
  if (p.assignedAt !== undefined) out.assigned_at = p.assignedAt?.toISOString() ?? null;
  if (p.signedAt !== undefined) out.signed_at = p.signedAt?.toISOString() ?? null;
  if (p.closedAt !== undefined) out.closed_at = p.closedAt?.toISOString() ?? null;
  if (p.parentId !== undefined) out.parent_id = p.parentId;
  if (p.ordinal !== undefined) out.ordinal = p.ordinal;
  return out;
}

/** Conditional update on `version`: false when someone else changed the task first. */
export async function updateTaskRow(db: Kysely<DB>, id: string, patch: TaskPatch, now: Date, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({ ...patchColumns(patch), updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows) === 1;
  if (updated && patch.leadUnitId !== undefined) await syncLeadUnit(db, id, patch.leadUnitId);
  return updated;
}

/** Derived fields (progress, health) change without a user edit, so they do not bump `version`. */
export async function updateDerived(
  db: Kysely<DB>,
  id: string,
  d: { progress?: number; health: HealthColour; healthDetail: HealthResult | null; healthChangesAt: Date | null },
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({
      ...(d.progress !== undefined ? { progress: d.progress } : {}),
      health: d.health,
      health_json: toJson(d.healthDetail),
      health_changes_at: d.healthChangesAt?.toISOString() ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** Tasks by id, in one query. */
export async function findTasks(db: Kysely<DB>, ids: readonly string[]): Promise<Task[]> {
  if (ids.length === 0) return [];
  return hydrate(db, await db.selectFrom('tasks').selectAll().where('id', 'in', [...ids]).execute());
}

/** What a parent's light and progress read from each child. */
export interface ChildFacts {
  id: string;
  parentId: string;
  title: string;
  state: TaskState;
  progress: number;
  weight: number;
  health: HealthColour;
  healthDetail: HealthResult | null;
}

/** What the health roll-up reads for a task besides the task itself. */
export interface HealthInputs {
  /** The programme's stored health thresholds (JSON text, possibly null). */
  thresholdsJson: string | null;
  /** In ordinal order. */
  children: ChildFacts[];
  /** In ordinal order. */
  milestones: Milestone[];
  /** The latest review of an accepted report. */
  lastAcceptedAt: Date | null;
  /** The latest submission of a report waiting for review. */
  pendingSince: Date | null;
  /** The review decisions, in time order. */
  decisions: Array<{ type: 'report.accepted' | 'report.returned'; at: string }>;
}

/**
 * Everything the health roll-up reads for many tasks, in one statement: per task its programme's thresholds, its
 * children, its milestones (both as JSON arrays), the latest accepted review and pending submission of its reports, and
 * its reports' review decisions. Tasks that do not exist are absent from the map.
 */
export async function healthInputsOf(db: Kysely<DB>, taskIds: readonly string[]): Promise<Map<string, HealthInputs>> {
  const out = new Map<string, HealthInputs>();
  if (taskIds.length === 0) return out;
  const rows = await db.selectFrom('tasks').select('tasks.id').select(healthInputColumns(dialectOf(db))).where('tasks.id', 'in', [...taskIds]).execute();
  for (const r of rows) out.set(r.id, toHealthInputs(r.id, r));
  return out;
}

interface HealthInputRow {
  h_thresholds: string | null;
  h_children: unknown;
  h_milestones: unknown;
  h_accepted: string | null;
  h_pending: string | null;
  h_decisions: unknown;
}

// The columns of HealthInputRow, as subqueries on the row of `tasks` (unaliased) the statement reads. A programme's
// thresholds and a task's report facts come through the views programmes and reports publish (migration 0021).
function healthInputColumns(d: DialectKind) {
  return [
    sql<string | null>`(select p.health_thresholds_json from programme_settings p where p.id = tasks.programme_id)`.as('h_thresholds'),
    sql<unknown>`(select ${jsonRows(d, { id: 'c.id', title: 'c.title', state: 'c.state', progress: 'c.progress', weight: 'c.weight', health: 'c.health', healthJson: 'c.health_json', ordinal: 'c.ordinal' })}
      from tasks c where c.parent_id = tasks.id)`.as('h_children'),
    sql<unknown>`(select ${jsonRows(d, { id: 'm.id', ordinal: 'm.ordinal', title: 'm.title', dueDate: 'm.due_date', status: 'm.status', doneAt: 'm.done_at', version: 'm.version' })}
      from milestones m where m.task_id = tasks.id)`.as('h_milestones'),
    sql<string | null>`(select max(r.reviewed_at) from task_report_facts r where r.task_id = tasks.id and r.state = 'accepted')`.as('h_accepted'),
    sql<string | null>`(select max(r.submitted_at) from task_report_facts r where r.task_id = tasks.id and r.state = 'submitted')`.as('h_pending'),
    sql<unknown>`(select ${jsonRows(d, { type: 'e.type', at: 'e.at' })} from task_report_decisions e where e.task_id = tasks.id)`.as('h_decisions'),
  ];
}

function toHealthInputs(taskId: string, r: HealthInputRow): HealthInputs {
  const byOrdinal = (a: { ordinal: number }, b: { ordinal: number }) => a.ordinal - b.ordinal;
  type ChildRow = { id: string; title: string; state: string; progress: number; weight: number; health: string; healthJson: string | null; ordinal: number };
  type MilestoneRow = { id: string; ordinal: number; title: string; dueDate: string; status: string; doneAt: string | null; version: number };
  const children = parseJsonRows<ChildRow>(r.h_children).map((c) => ({ ...c, ordinal: Number(c.ordinal) })).sort(byOrdinal);
  const milestones = parseJsonRows<MilestoneRow>(r.h_milestones).map((m) => ({ ...m, ordinal: Number(m.ordinal) })).sort(byOrdinal);
  const decisions = parseJsonRows<{ type: 'report.accepted' | 'report.returned'; at: string }>(r.h_decisions).map((e) => ({ type: e.type, at: String(e.at) }));
  // Stable, like the union this replaced: decisions at the same instant keep the order the database gave.
  decisions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    thresholdsJson: r.h_thresholds ?? null,
    children: children.map((c) => ({
      id: c.id,
      parentId: taskId,
      title: c.title,
      state: c.state as TaskState,
      progress: Number(c.progress),
      weight: Number(c.weight),
      health: c.health as HealthColour,
      healthDetail: fromJson<HealthResult>(c.healthJson),
    })),
    milestones: milestones.map((m) => ({ id: m.id, taskId, ordinal: m.ordinal, title: m.title, dueDate: m.dueDate, done: m.status === 'done', doneAt: date(m.doneAt), version: Number(m.version) })),
    lastAcceptedAt: r.h_accepted ? new Date(String(r.h_accepted)) : null,
    pendingSince: r.h_pending ? new Date(String(r.h_pending)) : null,
    decisions,
  };
}

/** Open tasks whose light can change by `now` (time passed a date), oldest first, for the health job. */
export async function tasksWithHealthDue(db: Kysely<DB>, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('health_changes_at', '<=', now.toISOString())
    .orderBy('health_changes_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Marks every task not closed (of one programme, when named) due for the health job, which refreshes them in batches. */
export async function markAllHealthDue(db: Kysely<DB>, programmeId?: string): Promise<number> {
  let q = db.updateTable('tasks').set({ health_changes_at: new Date(0).toISOString() }).where('state', '!=', 'closed');
  if (programmeId) q = q.where('programme_id', '=', programmeId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Stores the task's indicator facts (see `Task.indicatorFacts`). */
export async function updateIndicatorFacts(db: Kysely<DB>, id: string, facts: readonly IndicatorFact[]): Promise<void> {
  await db.updateTable('tasks').set({ indicators_json: facts.length ? toJson(facts) : null }).where('id', '=', id).execute();
}

export async function replaceCoUnits(db: Kysely<DB>, taskId: string, coUnits: CoUnit[]): Promise<void> {
  await db.deleteFrom('task_co_units').where('task_id', '=', taskId).execute();
  await db.deleteFrom('task_units').where('task_id', '=', taskId).where('role', '=', 'co').execute();
  if (coUnits.length) {
    await db.insertInto('task_co_units').values(coUnits.map((c) => ({ task_id: taskId, unit_id: c.unitId, part: c.part }))).execute();
    await db.insertInto('task_units').values(coUnits.map((c) => ({ task_id: taskId, unit_id: c.unitId, role: 'co' as const }))).execute();
  }
}

export async function insertTaskEvent(
  db: Kysely<DB>,
  e: { id: string; taskId: string; at: Date; actorId: string | null; action: string; from: string | null; to: string | null; reason: string | null; data?: unknown },
): Promise<void> {
  await db
    .insertInto('task_events')
    .values({ id: e.id, task_id: e.taskId, at: e.at.toISOString(), actor_id: e.actorId, action: e.action, from_state: e.from, to_state: e.to, reason: e.reason, data_json: toJson(e.data) })
    .execute();
}

/** The programme's completion policy (strict unless it says lenient), through the view programmes publishes. */
export async function completionPolicyOf(db: Kysely<DB>, programmeId: string): Promise<CompletionPolicy> {
  const row = await db.selectFrom('programme_settings').select('completion_policy').where('id', '=', programmeId).executeTakeFirst();
  return row?.completion_policy === 'lenient' ? 'lenient' : 'strict';
}

export { supervisorIdsOf, supervisorsOf, type SupervisorFacts };

export interface Milestone {
  id: string;
  taskId: string;
  ordinal: number;
  title: string;
  dueDate: string;
  done: boolean;
  doneAt: Date | null;
  version: number;
}

export async function listMilestones(db: Kysely<DB>, taskIds: string[]): Promise<Milestone[]> {
  if (taskIds.length === 0) return [];
  const rows = await db.selectFrom('milestones').selectAll().where('task_id', 'in', taskIds).orderBy('ordinal').execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, ordinal: Number(r.ordinal), title: r.title, dueDate: r.due_date, done: r.status === 'done', doneAt: date(r.done_at), version: Number(r.version) }));
}

export interface MilestonePatch {
  title?: string;
  dueDate?: string;
  done?: { at: Date } | null;
}

/** Conditional on `version`, like every plan edit; false when someone else changed the milestone first. */
export async function updateMilestoneRow(db: Kysely<DB>, id: string, patch: MilestonePatch, now: Date, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('milestones')
    .set((eb) => ({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.dueDate !== undefined ? { due_date: patch.dueDate } : {}),
      ...(patch.done !== undefined ? { status: patch.done ? 'done' : 'pending', done_at: patch.done ? patch.done.at.toISOString() : null } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteMilestoneRow(db: Kysely<DB>, id: string, expectedVersion: number): Promise<boolean> {
  const r = await db.deleteFrom('milestones').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/**
 * Report facts the rules need: accepted reports, accepted evidence, last acceptance, a report waiting for review,
 * the lead unit's final report and the decision history.
 */
export async function reportFacts(db: Kysely<DB>, taskId: string, leadUnitId: string | null = null) {
  // Through the views reports publishes (migration 0021): reports sits above tasks.
  const accepted = await db
    .selectFrom('task_report_facts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('reviewed_at').as('last'), eb.fn.sum<number>('evidence_count').as('evidence')])
    .where('task_id', '=', taskId)
    .where('state', '=', 'accepted')
    .executeTakeFirstOrThrow();
  const pending = await db
    .selectFrom('task_report_facts')
    .select((eb) => eb.fn.max('submitted_at').as('last'))
    .where('task_id', '=', taskId)
    .where('state', '=', 'submitted')
    .executeTakeFirstOrThrow();
  // The final report speaks for the whole task, so only the lead unit's counts.
  const finals = leadUnitId
    ? await db.selectFrom('task_report_facts').select('state').where('task_id', '=', taskId).where('unit_id', '=', leadUnitId).where('final', '=', 1).execute()
    : [];
  const finalReport: FinalReportStanding = finals.some((f) => f.state === 'accepted') ? 'accepted' : finals.some((f) => f.state === 'submitted') ? 'submitted' : 'none';
  const decisions = await db.selectFrom('task_report_decisions').select(['type', 'at']).where('task_id', '=', taskId).orderBy('at').execute();
  return {
    hasAcceptedReport: Number(accepted.n) > 0,
    hasAcceptedEvidence: Number(accepted.evidence ?? 0) > 0,
    lastAcceptedAt: accepted.last ? new Date(String(accepted.last)) : null,
    pendingSince: pending.last ? new Date(String(pending.last)) : null,
    finalReport,
    decisions: decisions.map((d) => ({ type: d.type as 'report.accepted' | 'report.returned', at: d.at })),
  };
}

/** The actor's view of tasks, as a WHERE clause: lists and dashboards are scoped in SQL, never filtered after. */
export type Visibility =
  | { all: true }
  | { all: false; supervisorUserId: string | null; liaisonUnitId: string | null; viewer: boolean };

/** The task is the unit's, as lead or co-unit: one indexed lookup in task_units (an OR of the two defeats indexes). */
export function ofUnitWhere(eb: ExpressionBuilder<DB, 'tasks'>, unitId: string): Expression<SqlBool> {
  return eb('tasks.id', 'in', eb.selectFrom('task_units').select('task_units.task_id').where('task_units.unit_id', '=', unitId));
}

/** Whether any task of the programme is within the visibility scope. */
export async function hasVisibleTaskIn(db: Kysely<DB>, programmeId: string, v: Visibility): Promise<boolean> {
  const row = await db.selectFrom('tasks').select('tasks.id').where('tasks.programme_id', '=', programmeId).where((eb) => visibleWhere(eb, v)).limit(1).executeTakeFirst();
  return row !== undefined;
}

export function visibleWhere(eb: ExpressionBuilder<DB, 'tasks'>, v: Visibility): Expression<SqlBool> {
  if (v.all) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (v.supervisorUserId) {
    ors.push(eb('tasks.programme_id', 'in', programmesSupervisedBy(eb, v.supervisorUserId)));
  }
  if (v.liaisonUnitId) {
    const unit = v.liaisonUnitId;
    ors.push(
      eb.and([
        eb('tasks.state', '!=', 'draft'),
        ofUnitWhere(eb, unit),
      ]),
    );
  }
  // Viewers read published work; a task still in draft is planning, not yet a commitment.
  if (v.viewer) ors.push(eb('tasks.state', '!=', 'draft'));
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** Tasks already handed to a lead unit (newest first), the precedents for suggesting units for new ones. */
export async function listAssignedTitles(db: Kysely<DB>, limit: number): Promise<Array<{ taskId: string; unitId: string; title: string; titleNorm: string }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'lead_unit_id', 'title', 'title_norm'])
    .where('lead_unit_id', 'is not', null)
    .where('assigned_at', 'is not', null)
    .orderBy('assigned_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ taskId: r.id, unitId: r.lead_unit_id!, title: r.title, titleNorm: r.title_norm }));
}

/** Current versions of the given tasks (bulk actions check each row's version as a single action would). */
export async function findTaskVersions(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('tasks').select(['id', 'version']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, Number(r.version)]));
}
