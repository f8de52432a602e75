/**
 * Inspections, their teams, targets, visits, findings and evidence: Kysely queries and row ↔ domain mapping. Names
 * of programmes, units, users and the state of findings' tasks come from their owners' subqueries, in the same
 * statements.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { FindingSeverity, FindingSource, InspectionKind, InspectionState } from '../../../core/inspections/index.ts';
import type { TaskState } from '../../../core/tasks/lifecycle.ts';
import type { DB } from '../../platform/db/schema.ts';
import { programmeTitleOf } from '../programmes/index.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';
import { taskDueDateOf, taskLeadUnitOf, taskStateOf, taskTitleOf } from '../tasks/index.ts';
import { unitNameOf, unitSortOrderOf } from '../units/index.ts';
import { displayNameOf } from '../users/index.ts';

export interface Inspection {
  id: string;
  programmeId: string;
  programmeTitle: string;
  topic: string;
  kind: InspectionKind;
  state: InspectionState;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  createdBy: string | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** The work area holding the tasks made from the findings, once the first was made. */
  areaTaskId: string | null;
}

export interface Member { userId: string; displayName: string; team: string; leader: boolean }

export interface Visit { id: string; inspectionId: string; unitId: string | null; unitName: string | null; visitedOn: string; notes: string; createdBy: string | null; createdAt: Date }

export interface Finding {
  id: string;
  inspectionId: string;
  visitId: string | null;
  unitId: string;
  unitName: string;
  source: FindingSource;
  title: string;
  description: string | null;
  severity: FindingSeverity;
  taskId: string | null;
  taskState: TaskState | null;
  taskDueDate: string | null;
  naReason: string | null;
  naBy: string | null;
  naAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface InspectionEvidence {
  id: string;
  inspectionId: string;
  visitId: string | null;
  findingId: string | null;
  kind: 'photo' | 'note' | 'report';
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  uploadedBy: string;
  createdAt: Date;
}

/** Who sees which inspections, as plain data (computed by the policy, applied in SQL). */
export type InspectionScope =
  | { all: true }
  | { all: false; supervisorUserId: string | null; memberUserId: string | null; liaisonUnitId: string | null; viewer: boolean };

const date = (v: string | null) => (v ? new Date(v) : null);

function inspectionQuery(db: Kysely<DB>) {
  return db.selectFrom('inspections').selectAll('inspections').select((eb) => programmeTitleOf(eb, eb.ref('inspections.programme_id')).$asScalar().as('programme_title'));
}
type InspectionRow = Awaited<ReturnType<ReturnType<typeof inspectionQuery>['executeTakeFirstOrThrow']>>;

function toInspection(r: InspectionRow): Inspection {
  return {
    id: r.id, programmeId: r.programme_id, programmeTitle: r.programme_title, topic: r.topic, kind: r.kind as InspectionKind, state: r.state as InspectionState,
    description: r.description, startDate: r.start_date, endDate: r.end_date, createdBy: r.created_by, closedAt: date(r.closed_at),
    createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at), version: Number(r.version), areaTaskId: r.area_task_id ?? null,
  };
}

/** The inspections in the scope, as a WHERE clause on `inspections`. */
export function visibleInspectionWhere(eb: ExpressionBuilder<DB, 'inspections'>, scope: InspectionScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.supervisorUserId) ors.push(eb('inspections.programme_id', 'in', programmesSupervisedBy(eb, scope.supervisorUserId)));
  if (scope.memberUserId) ors.push(eb.exists(eb.selectFrom('inspection_members').select('inspection_members.user_id').whereRef('inspection_members.inspection_id', '=', 'inspections.id').where('inspection_members.user_id', '=', scope.memberUserId)));
  if (scope.liaisonUnitId) {
    const unitId = scope.liaisonUnitId;
    ors.push(eb.and([
      // An unannounced visit's plan stays hidden from the units until it has been carried out.
      eb.or([eb('inspections.kind', '!=', 'unannounced'), eb('inspections.state', 'in', ['reporting', 'closed'])]),
      eb.or([
        eb.exists(eb.selectFrom('inspection_targets').select('inspection_targets.unit_id').whereRef('inspection_targets.inspection_id', '=', 'inspections.id').where('inspection_targets.unit_id', '=', unitId)),
        eb.exists(eb.selectFrom('inspection_findings').select('inspection_findings.id').whereRef('inspection_findings.inspection_id', '=', 'inspections.id').where('inspection_findings.unit_id', '=', unitId)),
      ]),
    ]));
  }
  if (scope.viewer) ors.push(eb('inspections.state', '=', 'closed'));
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

export async function findInspection(db: Kysely<DB>, id: string): Promise<Inspection | null> {
  const row = await inspectionQuery(db).where('inspections.id', '=', id).executeTakeFirst();
  return row ? toInspection(row) : null;
}

export interface FindingCounts { findings: number; open: number }

/** Inspections in the scope, newest first, with their finding counts (two queries in all). */
export async function listInspections(db: Kysely<DB>, scope: InspectionScope, filter: { programmeId?: string; state?: string }): Promise<Array<Inspection & FindingCounts>> {
  let q = inspectionQuery(db).where((eb) => visibleInspectionWhere(eb, scope));
  if (filter.programmeId) q = q.where('inspections.programme_id', '=', filter.programmeId);
  if (filter.state) q = q.where('inspections.state', '=', filter.state);
  const rows = await q.orderBy('inspections.created_at', 'desc').orderBy('inspections.id', 'desc').limit(500).execute();
  const counts = await findingCountsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toInspection(r), ...(counts.get(r.id) ?? { findings: 0, open: 0 }) }));
}

/** Findings per inspection, and how many keep it open (no task and not N/A, or a task not closed). */
export async function findingCountsOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, FindingCounts>> {
  const out = new Map<string, FindingCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('inspection_findings')
    .select((eb) => [
      'inspection_findings.inspection_id',
      eb.fn.countAll<number>().as('n'),
      // No task (or none found) reads as '' here, so it counts as open like a task that is not closed.
      eb.fn.sum<number>(eb.case().when(eb.and([eb('inspection_findings.na_at', 'is', null), eb(eb.fn.coalesce(taskStateOf(eb, eb.ref('inspection_findings.task_id')), eb.val('')), '!=', 'closed')])).then(1).else(0).end()).as('open'),
    ])
    .where('inspection_findings.inspection_id', 'in', [...ids])
    .groupBy('inspection_findings.inspection_id')
    .execute();
  for (const r of rows) out.set(r.inspection_id, { findings: Number(r.n), open: Number(r.open ?? 0) });
  return out;
}

export async function insertInspection(db: Kysely<DB>, i: Omit<Inspection, 'programmeTitle' | 'closedAt' | 'areaTaskId'>): Promise<void> {
  await db.insertInto('inspections').values({
    id: i.id, programme_id: i.programmeId, topic: i.topic, kind: i.kind, state: i.state, description: i.description, start_date: i.startDate, end_date: i.endDate,
    created_by: i.createdBy, closed_at: null, created_at: i.createdAt.toISOString(), updated_at: i.updatedAt.toISOString(), version: 1,
  }).execute();
}

export async function updateInspectionState(db: Kysely<DB>, id: string, state: InspectionState, closedAt: Date | null, now: Date, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('inspections')
    .set((eb) => ({ state, closed_at: closedAt?.toISOString() ?? null, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Links the inspection to the work area of its 整改 tasks, only if the link is still what the caller read: two first
 * 转整改 at once make one area, and the second caller fails instead of leaving an orphan area behind.
 */
export async function linkArea(db: Kysely<DB>, id: string, areaTaskId: string, expected: string | null): Promise<boolean> {
  const r = await db
    .updateTable('inspections')
    .set({ area_task_id: areaTaskId })
    .where('id', '=', id)
    .where((eb) => (expected === null ? eb('area_task_id', 'is', null) : eb('area_task_id', '=', expected)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Writes the plan's own fields under the version; false when someone else saved first. */
export async function updateInspectionPlan(db: Kysely<DB>, id: string, patch: { topic: string; description: string | null; start_date: string | null; end_date: string | null }, now: Date, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('inspections')
    .set((eb) => ({ ...patch, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function inspectionVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  const row = await db.selectFrom('inspections').select('version').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.version) : null;
}

export async function setMembers(db: Kysely<DB>, id: string, members: ReadonlyArray<{ userId: string; team: string; leader: boolean }>): Promise<void> {
  await db.deleteFrom('inspection_members').where('inspection_id', '=', id).execute();
  if (members.length) await db.insertInto('inspection_members').values(members.map((m) => ({ inspection_id: id, user_id: m.userId, team: m.team, is_leader: m.leader ? 1 : 0 }))).execute();
}

export async function setTargets(db: Kysely<DB>, id: string, unitIds: readonly string[], taskIds: readonly string[]): Promise<void> {
  await db.deleteFrom('inspection_targets').where('inspection_id', '=', id).execute();
  await db.deleteFrom('inspection_target_tasks').where('inspection_id', '=', id).execute();
  if (unitIds.length) await db.insertInto('inspection_targets').values(unitIds.map((unit_id) => ({ inspection_id: id, unit_id }))).execute();
  if (taskIds.length) await db.insertInto('inspection_target_tasks').values(taskIds.map((task_id) => ({ inspection_id: id, task_id }))).execute();
}

export async function membersOf(db: Kysely<DB>, id: string): Promise<Member[]> {
  const rows = await db.selectFrom('inspection_members')
    .select((eb) => ['inspection_members.user_id', displayNameOf(eb, eb.ref('inspection_members.user_id')).$asScalar().as('display_name'), 'inspection_members.team', 'inspection_members.is_leader'])
    .where('inspection_members.inspection_id', '=', id).orderBy('inspection_members.team').orderBy('inspection_members.is_leader', 'desc').orderBy('display_name').execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, team: r.team, leader: Number(r.is_leader) === 1 }));
}

export async function targetUnitsOf(db: Kysely<DB>, id: string): Promise<Array<{ unitId: string; name: string }>> {
  const rows = await db.selectFrom('inspection_targets')
    .select((eb) => ['inspection_targets.unit_id', unitNameOf(eb, eb.ref('inspection_targets.unit_id')).$asScalar().as('name'), unitSortOrderOf(eb, eb.ref('inspection_targets.unit_id')).as('sort_order')])
    .where('inspection_targets.inspection_id', '=', id).orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => ({ unitId: r.unit_id, name: r.name }));
}

export async function targetTasksOf(db: Kysely<DB>, id: string): Promise<Array<{ taskId: string; title: string; leadUnitId: string | null }>> {
  const rows = await db.selectFrom('inspection_target_tasks')
    .select((eb) => ['inspection_target_tasks.task_id', taskTitleOf(eb, eb.ref('inspection_target_tasks.task_id')).$asScalar().as('title'), taskLeadUnitOf(eb, eb.ref('inspection_target_tasks.task_id')).as('lead_unit_id')])
    .where('inspection_target_tasks.inspection_id', '=', id).orderBy('title').execute();
  return rows.map((r) => ({ taskId: r.task_id, title: r.title, leadUnitId: r.lead_unit_id }));
}

export async function visitsOf(db: Kysely<DB>, id: string): Promise<Visit[]> {
  const rows = await db.selectFrom('inspection_visits').selectAll('inspection_visits').select((eb) => unitNameOf(eb, eb.ref('inspection_visits.unit_id')).as('unit_name'))
    .where('inspection_visits.inspection_id', '=', id).orderBy('inspection_visits.visited_on').orderBy('inspection_visits.id').execute();
  return rows.map((r) => ({ id: r.id, inspectionId: r.inspection_id, unitId: r.unit_id, unitName: r.unit_name ?? null, visitedOn: r.visited_on, notes: r.notes, createdBy: r.created_by, createdAt: new Date(r.created_at) }));
}

export async function insertVisit(db: Kysely<DB>, v: Omit<Visit, 'unitName'>): Promise<void> {
  await db.insertInto('inspection_visits').values({ id: v.id, inspection_id: v.inspectionId, unit_id: v.unitId, visited_on: v.visitedOn, notes: v.notes, created_by: v.createdBy, created_at: v.createdAt.toISOString() }).execute();
}

function findingQuery(db: Kysely<DB>) {
  return db.selectFrom('inspection_findings')
    .selectAll('inspection_findings')
    .select((eb) => [
      unitNameOf(eb, eb.ref('inspection_findings.unit_id')).$asScalar().as('unit_name'),
      taskStateOf(eb, eb.ref('inspection_findings.task_id')).as('task_state'),
      taskDueDateOf(eb, eb.ref('inspection_findings.task_id')).as('task_due_date'),
    ]);
}
type FindingRow = Awaited<ReturnType<ReturnType<typeof findingQuery>['executeTakeFirstOrThrow']>>;

function toFinding(r: FindingRow): Finding {
  return {
    id: r.id, inspectionId: r.inspection_id, visitId: r.visit_id, unitId: r.unit_id, unitName: r.unit_name, source: r.source as FindingSource, title: r.title,
    description: r.description, severity: r.severity as FindingSeverity, taskId: r.task_id, taskState: (r.task_state ?? null) as TaskState | null, taskDueDate: r.task_due_date ?? null,
    naReason: r.na_reason, naBy: r.na_by, naAt: date(r.na_at), createdBy: r.created_by, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at), version: Number(r.version),
  };
}

export async function findingsOf(db: Kysely<DB>, inspectionId: string): Promise<Finding[]> {
  return (await findingQuery(db).where('inspection_findings.inspection_id', '=', inspectionId).orderBy('inspection_findings.created_at').orderBy('inspection_findings.id').execute()).map(toFinding);
}

export async function findFinding(db: Kysely<DB>, id: string): Promise<Finding | null> {
  const row = await findingQuery(db).where('inspection_findings.id', '=', id).executeTakeFirst();
  return row ? toFinding(row) : null;
}

/** The findings a task answers (its own, for a rectification task). */
export async function findingsOfTask(db: Kysely<DB>, taskId: string): Promise<Array<Finding & { inspection: Pick<Inspection, 'topic' | 'kind' | 'state'> }>> {
  const rows = await findingQuery(db).innerJoin('inspections', 'inspections.id', 'inspection_findings.inspection_id')
    .select(['inspections.topic', 'inspections.kind as inspection_kind', 'inspections.state as inspection_state'])
    .where('inspection_findings.task_id', '=', taskId).orderBy('inspection_findings.created_at').execute();
  return rows.map((r) => ({ ...toFinding(r), inspection: { topic: r.topic, kind: r.inspection_kind as InspectionKind, state: r.inspection_state as InspectionState } }));
}

export async function insertFinding(db: Kysely<DB>, f: { id: string; inspectionId: string; visitId: string | null; unitId: string; source: FindingSource; title: string; description: string | null; severity: FindingSeverity; createdBy: string | null; now: Date }): Promise<void> {
  const at = f.now.toISOString();
  await db.insertInto('inspection_findings').values({
    id: f.id, inspection_id: f.inspectionId, visit_id: f.visitId, unit_id: f.unitId, source: f.source, title: f.title, description: f.description, severity: f.severity,
    task_id: null, na_reason: null, na_by: null, na_at: null, created_by: f.createdBy, created_at: at, updated_at: at, version: 1,
  }).execute();
}

/** Sets the finding's task or its N/A acceptance under its version; false when someone else changed it first. */
export async function updateFindingRow(db: Kysely<DB>, id: string, patch: { task_id?: string; na_reason?: string; na_by?: string | null; na_at?: string }, now: Date, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('inspection_findings')
    .set((eb) => ({ ...patch, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('task_id', 'is', null)
    .where('na_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function evidenceOf(db: Kysely<DB>, inspectionId: string): Promise<InspectionEvidence[]> {
  const rows = await db.selectFrom('inspection_evidence').selectAll().where('inspection_id', '=', inspectionId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toEvidence);
}

function toEvidence(r: DB['inspection_evidence']): InspectionEvidence {
  return { id: r.id, inspectionId: r.inspection_id, visitId: r.visit_id, findingId: r.finding_id, kind: r.kind as InspectionEvidence['kind'], sha256: r.sha256, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at) };
}

export async function findEvidence(db: Kysely<DB>, id: string): Promise<InspectionEvidence | null> {
  const r = await db.selectFrom('inspection_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toEvidence(r) : null;
}

export async function insertEvidence(db: Kysely<DB>, e: InspectionEvidence): Promise<void> {
  await db.insertInto('inspection_evidence').values({ id: e.id, inspection_id: e.inspectionId, visit_id: e.visitId, finding_id: e.findingId, kind: e.kind, sha256: e.sha256, filename: e.filename, media_type: e.mediaType, byte_size: e.byteSize, uploaded_by: e.uploadedBy, created_at: e.createdAt.toISOString() }).execute();
}

export async function memberIdsOf(db: Kysely<DB>, id: string): Promise<string[]> {
  return (await db.selectFrom('inspection_members').select('user_id').where('inspection_id', '=', id).execute()).map((r) => r.user_id);
}

export async function targetUnitIdsOf(db: Kysely<DB>, id: string): Promise<string[]> {
  return (await db.selectFrom('inspection_targets').select('unit_id').where('inspection_id', '=', id).execute()).map((r) => r.unit_id);
}

export async function findingUnitIdsOf(db: Kysely<DB>, id: string): Promise<string[]> {
  return (await db.selectFrom('inspection_findings').select('unit_id').where('inspection_id', '=', id).distinct().execute()).map((r) => r.unit_id);
}
