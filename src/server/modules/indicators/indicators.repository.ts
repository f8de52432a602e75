/** Indicators, their actual values, evidence and peers' figures: Kysely queries and row ↔ domain mapping. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { IndicatorDirection, IndicatorPeriod, IndicatorPlan } from '../../../core/indicators/index.ts';
import type { DB, IndicatorActualsTable, IndicatorsTable } from '../../platform/db/schema.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';
import { publishedTasksOfUnit, taskTitlesOf } from '../tasks/index.ts';
import { unitActivityOf, unitNamesOf } from '../units/index.ts';

export interface Indicator {
  id: string;
  programmeId: string;
  taskId: string | null;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: IndicatorDirection;
  period: IndicatorPeriod;
  tolerance: number | null;
  responsibleUnitId: string;
  startDate: string;
  endDate: string;
  sourceKey: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type ActualState = 'submitted' | 'accepted' | 'returned';

export interface Actual {
  id: string;
  indicatorId: string;
  periodKey: string;
  value: number;
  note: string | null;
  state: ActualState;
  revision: number;
  reportedBy: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  returnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface IndicatorEvidence {
  id: string;
  actualId: string;
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  uploadedBy: string;
  createdAt: Date;
}

export interface Peer {
  id: string;
  indicatorId: string;
  name: string;
  value: number;
  periodKey: string;
  source: string;
  createdBy: string | null;
  createdAt: Date;
}

/** The plan the core judges. */
export function planOf(i: Indicator): IndicatorPlan {
  return { direction: i.direction, baseline: i.baseline, target: i.target, startDate: i.startDate, endDate: i.endDate, tolerance: i.tolerance };
}

function toIndicator(r: IndicatorsTable): Indicator {
  return {
    id: r.id,
    programmeId: r.programme_id,
    taskId: r.task_id,
    name: r.name,
    unit: r.unit,
    baseline: Number(r.baseline),
    target: Number(r.target),
    direction: r.direction as IndicatorDirection,
    period: r.period as IndicatorPeriod,
    tolerance: r.tolerance === null ? null : Number(r.tolerance),
    responsibleUnitId: r.responsible_unit_id,
    startDate: r.start_date,
    endDate: r.end_date,
    sourceKey: r.source_key,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

function toActual(r: IndicatorActualsTable): Actual {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    periodKey: r.period_key,
    value: Number(r.value),
    note: r.note,
    state: r.state as ActualState,
    revision: Number(r.revision),
    reportedBy: r.reported_by,
    submittedAt: new Date(r.submitted_at),
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
    returnReason: r.return_reason,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

/** Who sees which indicators, as plain data (see indicators.policy.ts). */
export type IndicatorScope = { all: true } | { all: false; supervisorUserId: string | null; liaisonUnitId: string | null };

/** The scope as a WHERE clause: programmes supervised, or the unit responsible, or a task the unit leads or helps. */
export function visibleIndicatorsWhere(eb: ExpressionBuilder<DB, 'indicators'>, scope: IndicatorScope): Expression<SqlBool> {
  if (scope.all) return eb.lit(true);
  const ors: Expression<SqlBool>[] = [];
  if (scope.supervisorUserId) {
    ors.push(eb('indicators.programme_id', 'in', programmesSupervisedBy(eb, scope.supervisorUserId)));
  }
  if (scope.liaisonUnitId) {
    const unit = scope.liaisonUnitId;
    ors.push(eb('indicators.responsible_unit_id', '=', unit));
    ors.push(
      eb('indicators.task_id', 'in', publishedTasksOfUnit(eb, unit)),
    );
  }
  return ors.length ? eb.or(ors) : eb.lit(false);
}

export async function findIndicator(db: Kysely<DB>, id: string): Promise<Indicator | null> {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIndicator(row) : null;
}

export async function isIndicatorVisible(db: Kysely<DB>, scope: IndicatorScope, id: string): Promise<boolean> {
  const row = await db.selectFrom('indicators').select('id').where('id', '=', id).where((eb) => visibleIndicatorsWhere(eb, scope)).executeTakeFirst();
  return row !== undefined;
}

export interface IndicatorFilter {
  programmeId?: string;
  taskId?: string;
  unitId?: string;
}

export async function listIndicatorRows(db: Kysely<DB>, scope: IndicatorScope, f: IndicatorFilter): Promise<Indicator[]> {
  let q = db.selectFrom('indicators').selectAll().where((eb) => visibleIndicatorsWhere(eb, scope));
  if (f.programmeId) q = q.where('programme_id', '=', f.programmeId);
  if (f.taskId) q = q.where('task_id', '=', f.taskId);
  if (f.unitId) q = q.where('responsible_unit_id', '=', f.unitId);
  const rows = await q.orderBy('programme_id').orderBy('created_at').orderBy('id').limit(2000).execute();
  return rows.map(toIndicator);
}

export async function listIndicatorsOfTask(db: Kysely<DB>, taskId: string): Promise<Indicator[]> {
  const rows = await db.selectFrom('indicators').selectAll().where('task_id', '=', taskId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toIndicator);
}

export async function sourceKeysOf(db: Kysely<DB>, programmeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('indicators').select('source_key').where('programme_id', '=', programmeId).where('source_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.source_key!));
}

export async function insertIndicator(db: Kysely<DB>, i: Indicator): Promise<void> {
  await db
    .insertInto('indicators')
    .values({
      id: i.id,
      programme_id: i.programmeId,
      task_id: i.taskId,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
      direction: i.direction,
      period: i.period,
      tolerance: i.tolerance,
      responsible_unit_id: i.responsibleUnitId,
      start_date: i.startDate,
      end_date: i.endDate,
      source_key: i.sourceKey,
      created_by: i.createdBy,
      created_at: i.createdAt.toISOString(),
      updated_at: i.updatedAt.toISOString(),
      version: i.version,
    })
    .execute();
}

/** Writes the edited fields when the version still matches; false on a lost update. */
export async function updateIndicatorRow(db: Kysely<DB>, next: Indicator, expectedVersion: number): Promise<boolean> {
  const res = await db
    .updateTable('indicators')
    .set({
      name: next.name,
      unit: next.unit,
      baseline: next.baseline,
      target: next.target,
      direction: next.direction,
      tolerance: next.tolerance,
      responsible_unit_id: next.responsibleUnitId,
      start_date: next.startDate,
      end_date: next.endDate,
      updated_at: next.updatedAt.toISOString(),
      version: expectedVersion + 1,
    })
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function currentIndicatorVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  const row = await db.selectFrom('indicators').select('version').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.version) : null;
}

// ── actuals ──

export async function findActual(db: Kysely<DB>, id: string): Promise<Actual | null> {
  const row = await db.selectFrom('indicator_actuals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toActual(row) : null;
}

export async function findActualForPeriod(db: Kysely<DB>, indicatorId: string, periodKey: string): Promise<Actual | null> {
  const row = await db.selectFrom('indicator_actuals').selectAll().where('indicator_id', '=', indicatorId).where('period_key', '=', periodKey).executeTakeFirst();
  return row ? toActual(row) : null;
}

/** Actuals of many indicators, oldest period first; `acceptedOnly` for readers who see only what was accepted. */
export async function listActuals(db: Kysely<DB>, indicatorIds: readonly string[], acceptedOnly = false): Promise<Actual[]> {
  if (indicatorIds.length === 0) return [];
  let q = db.selectFrom('indicator_actuals').selectAll().where('indicator_id', 'in', [...indicatorIds]);
  if (acceptedOnly) q = q.where('state', '=', 'accepted');
  const rows = await q.orderBy('indicator_id').orderBy('period_key').execute();
  return rows.map(toActual);
}

export async function insertActual(db: Kysely<DB>, a: Actual): Promise<void> {
  await db
    .insertInto('indicator_actuals')
    .values({
      id: a.id,
      indicator_id: a.indicatorId,
      period_key: a.periodKey,
      value: a.value,
      note: a.note,
      state: a.state,
      revision: a.revision,
      reported_by: a.reportedBy,
      submitted_at: a.submittedAt.toISOString(),
      reviewed_by: a.reviewedBy,
      reviewed_at: a.reviewedAt?.toISOString() ?? null,
      return_reason: a.returnReason,
      created_at: a.createdAt.toISOString(),
      updated_at: a.updatedAt.toISOString(),
      version: a.version,
    })
    .execute();
}

/** Conditional update on the version: the same figure is never decided twice. */
export async function updateActualRow(db: Kysely<DB>, next: Actual, expectedVersion: number): Promise<boolean> {
  const res = await db
    .updateTable('indicator_actuals')
    .set({
      value: next.value,
      note: next.note,
      state: next.state,
      revision: next.revision,
      reported_by: next.reportedBy,
      submitted_at: next.submittedAt.toISOString(),
      reviewed_by: next.reviewedBy,
      reviewed_at: next.reviewedAt?.toISOString() ?? null,
      return_reason: next.returnReason,
      updated_at: next.updatedAt.toISOString(),
      version: expectedVersion + 1,
    })
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ── evidence ──

export async function listIndicatorEvidence(db: Kysely<DB>, actualIds: readonly string[]): Promise<Map<string, IndicatorEvidence[]>> {
  const map = new Map<string, IndicatorEvidence[]>();
  if (actualIds.length === 0) return map;
  const rows = await db.selectFrom('indicator_evidence').selectAll().where('actual_id', 'in', [...actualIds]).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) {
    const e: IndicatorEvidence = { id: r.id, actualId: r.actual_id, sha256: r.sha256, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at) };
    map.set(r.actual_id, [...(map.get(r.actual_id) ?? []), e]);
  }
  return map;
}

export async function findIndicatorEvidence(db: Kysely<DB>, id: string): Promise<IndicatorEvidence | null> {
  const r = await db.selectFrom('indicator_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, actualId: r.actual_id, sha256: r.sha256, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at) } : null;
}

export async function insertIndicatorEvidence(db: Kysely<DB>, e: IndicatorEvidence): Promise<void> {
  await db
    .insertInto('indicator_evidence')
    .values({ id: e.id, actual_id: e.actualId, sha256: e.sha256, filename: e.filename, media_type: e.mediaType, byte_size: e.byteSize, uploaded_by: e.uploadedBy, created_at: e.createdAt.toISOString() })
    .execute();
}

// ── peers ──

export async function listPeers(db: Kysely<DB>, indicatorId: string): Promise<Peer[]> {
  const rows = await db.selectFrom('indicator_peers').selectAll().where('indicator_id', '=', indicatorId).orderBy('period_key').orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, indicatorId: r.indicator_id, name: r.name, value: Number(r.value), periodKey: r.period_key, source: r.source, createdBy: r.created_by, createdAt: new Date(r.created_at) }));
}

export async function findPeer(db: Kysely<DB>, id: string): Promise<Peer | null> {
  const r = await db.selectFrom('indicator_peers').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, indicatorId: r.indicator_id, name: r.name, value: Number(r.value), periodKey: r.period_key, source: r.source, createdBy: r.created_by, createdAt: new Date(r.created_at) } : null;
}

export async function insertPeer(db: Kysely<DB>, p: Peer): Promise<void> {
  await db
    .insertInto('indicator_peers')
    .values({ id: p.id, indicator_id: p.indicatorId, name: p.name, value: p.value, period_key: p.periodKey, source: p.source, created_by: p.createdBy, created_at: p.createdAt.toISOString() })
    .execute();
}

export async function deletePeerRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('indicator_peers').where('id', '=', id).execute();
}

/** Unit names and task titles for presenting a page of indicators, in two queries. */
export async function namesFor(db: Kysely<DB>, indicators: readonly Indicator[]): Promise<{ units: Map<string, string>; tasks: Map<string, string> }> {
  const unitIds = [...new Set(indicators.map((i) => i.responsibleUnitId))];
  const taskIds = [...new Set(indicators.flatMap((i) => (i.taskId ? [i.taskId] : [])))];
  const units = await unitNamesOf(db, unitIds);
  const tasks = await taskTitlesOf(db, taskIds);
  return { units, tasks: new Map([...tasks].map(([id, t]) => [id, t.title])) };
}

export async function insertBlobIfMissing(db: Kysely<DB>, b: { sha256: string; byteSize: number; mediaType: string; now: Date }): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ sha256: b.sha256, byte_size: b.byteSize, media_type: b.mediaType, created_at: b.now.toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** Whether the unit exists and is active. */
export async function unitExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await unitActivityOf(db, [id])).get(id) === true;
}
