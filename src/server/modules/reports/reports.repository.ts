/** Reports, their event history and evidence, and locked periods: Kysely queries and row ↔ domain mapping. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ReportEvent, ReportHistory, ReportState } from '../../../core/reports/index.ts';
import type { DB, EvidenceTable, ReportEventsTable, ReportsTable } from '../../platform/db/schema.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { dialectOf } from '../../platform/db/fulltext.ts';
import { jsonRows, parseJsonRows } from '../../platform/db/sql-helpers.ts';
import type { ReportVisibility } from './reports.policy.ts';
import { taskIdsLedBy, taskIdsWhere, taskProgrammeOf, taskWhere, type TaskWhere } from '../tasks/index.ts';
import { unreadMissingReportReminders } from '../notices/index.ts';

export interface MilestoneUpdate {
  milestoneId: string;
  done: boolean;
  note: string | null;
}

/** What a unit writes; a submission stores a copy of it in the event, so every revision stays readable. */
export interface ReportContent {
  progress: number;
  text: string;
  problems: string | null;
  coordination: string | null;
  nextSteps: string | null;
  milestoneUpdates: MilestoneUpdate[];
  /** A final report (总结报告): it stands behind 申请办结 and needs a summary and evidence to be submitted. */
  final: boolean;
  /** The final report's summary of the whole task. */
  summary: string | null;
}

export interface Report extends ReportContent {
  id: string;
  taskId: string;
  unitId: string;
  periodKey: string;
  state: ReportState;
  revision: number;
  authorId: string;
  writerIds: string[];
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  late: boolean;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  returnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface Evidence {
  id: string;
  reportId: string;
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  uploadedBy: string;
  createdAt: Date;
}

/** What a submission froze: the content and the evidence attached at that moment. */
export interface SubmittedSnapshot {
  late: boolean;
  content: ReportContent;
  evidence: Array<Pick<Evidence, 'id' | 'filename' | 'sha256' | 'byteSize'>>;
}

export interface StoredReportEvent {
  id: string;
  event: ReportEvent;
  snapshot: SubmittedSnapshot | null;
}

// report_events.actor_id references users; a system actor (CLI, scheduler) is stored as NULL and read back as this.
export const SYSTEM_ACTOR_ID = 'system';

const date = (v: string | null) => (v ? new Date(v) : null);

function toReport(r: ReportsTable): Report {
  return {
    id: r.id,
    taskId: r.task_id,
    unitId: r.unit_id,
    periodKey: r.period_key,
    state: r.state as ReportState,
    revision: Number(r.revision),
    progress: Number(r.progress),
    text: r.text,
    problems: r.problems,
    coordination: r.coordination,
    nextSteps: r.next_steps,
    milestoneUpdates: fromJson<MilestoneUpdate[]>(r.milestone_updates_json) ?? [],
    final: Number(r.final ?? 0) === 1,
    summary: r.summary ?? null,
    authorId: r.author_id,
    writerIds: fromJson<string[]>(r.writer_ids_json) ?? [],
    firstSubmittedAt: date(r.first_submitted_at),
    submittedAt: date(r.submitted_at),
    late: Number(r.late) === 1,
    reviewedBy: r.reviewed_by,
    reviewedAt: date(r.reviewed_at),
    returnReason: r.return_reason,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

function toEvidence(r: EvidenceTable): Evidence {
  return {
    id: r.id,
    reportId: r.report_id,
    sha256: r.sha256,
    filename: r.filename,
    mediaType: r.media_type,
    byteSize: Number(r.byte_size),
    uploadedBy: r.uploaded_by,
    createdAt: new Date(r.created_at),
  };
}

function toEvent(r: ReportEventsTable, report: Pick<Report, 'unitId' | 'periodKey'>): StoredReportEvent {
  const base = { actorId: r.actor_id ?? SYSTEM_ACTOR_ID, at: r.at };
  const revision = Number(r.revision);
  const snapshot = fromJson<SubmittedSnapshot>(r.snapshot_json);
  let event: ReportEvent;
  switch (r.type) {
    case 'report.created':
      event = { type: 'report.created', ...base, unitId: report.unitId, periodKey: report.periodKey };
      break;
    case 'report.edited':
      event = { type: 'report.edited', ...base, revision };
      break;
    case 'report.submitted':
      event = { type: 'report.submitted', ...base, revision, late: snapshot?.late ?? false };
      break;
    case 'report.accepted':
      event = { type: 'report.accepted', ...base, revision };
      break;
    case 'report.returned':
      event = { type: 'report.returned', ...base, revision, reason: r.reason ?? '' };
      break;
    default:
      throw new Error(`unknown report event type ${r.type}`);
  }
  return { id: r.id, event, snapshot };
}

export async function findReport(db: Kysely<DB>, id: string): Promise<Report | null> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReport(row) : null;
}

const EVENT_FIELDS = { id: 'e.id', report_id: 'e.report_id', type: 'e.type', actor_id: 'e.actor_id', at: 'e.at', revision: 'e.revision', reason: 'e.reason', snapshot_json: 'e.snapshot_json' };
const EVIDENCE_FIELDS = {
  id: 'v.id', report_id: 'v.report_id', sha256: 'v.sha256', filename: 'v.filename', media_type: 'v.media_type', byte_size: 'v.byte_size', uploaded_by: 'v.uploaded_by', created_at: 'v.created_at',
};
// The orders `listEvents` and `listEvidence` ask SQL for, kept when the rows come as a JSON array (ISO times, ASCII ids).
const byKeys = <T>(...keys: Array<(x: T) => string>) => (a: T, b: T) => {
  for (const k of keys) if (k(a) !== k(b)) return k(a) < k(b) ? -1 : 1;
  return 0;
};

/**
 * A report, whether its period is locked for its programme, its events (oldest first) and, when asked, its evidence, in
 * one statement: every report write reads the first three, a submission the evidence too, and whether the reminders of
 * the missing report it files have an unread copy.
 */
export async function findReportAndLock(
  db: Kysely<DB>,
  id: string,
  opts: { evidence?: boolean; reminders?: boolean } = {},
): Promise<{ report: Report; periodLocked: boolean; events: StoredReportEvent[]; evidence?: Evidence[]; unreadReminders?: boolean } | null> {
  const d = dialectOf(db);
  const row = await db
    .selectFrom('reports')
    .selectAll('reports')
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('period_locks')
            .select('period_locks.period_key')
            .where('period_locks.programme_id', '=', taskProgrammeOf(eb, eb.ref('reports.task_id')))
            .whereRef('period_locks.period_key', '=', 'reports.period_key'),
        )
        .as('period_locked'),
      sql<unknown>`(select ${jsonRows(d, EVENT_FIELDS)} from report_events e where e.report_id = reports.id)`.as('events_json'),
      (opts.evidence ? sql<unknown>`(select ${jsonRows(d, EVIDENCE_FIELDS)} from evidence v where v.report_id = reports.id)` : sql<unknown>`null`).as('evidence_json'),
      (opts.reminders ? unreadMissingReportReminders() : sql<SqlBool>`null`).as('unread_reminders'),
    ])
    .where('reports.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { period_locked, events_json, evidence_json, unread_reminders, ...rest } = row;
  const report = toReport(rest);
  const events = parseJsonRows<ReportEventsTable>(events_json).sort(byKeys((e) => e.at, (e) => e.id)).map((e) => toEvent(e, report));
  const evidence = opts.evidence ? parseJsonRows<EvidenceTable>(evidence_json).sort(byKeys((e) => e.created_at, (e) => e.id)).map(toEvidence) : undefined;
  return {
    report,
    periodLocked: Boolean(Number(period_locked)),
    events,
    ...(evidence ? { evidence } : {}),
    ...(opts.reminders ? { unreadReminders: Boolean(Number(unread_reminders)) } : {}),
  };
}

export async function findReportId(db: Kysely<DB>, key: { taskId: string; unitId: string; periodKey: string }): Promise<string | null> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('task_id', '=', key.taskId)
    .where('unit_id', '=', key.unitId)
    .where('period_key', '=', key.periodKey)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The reports in the visibility as a WHERE clause on `reports`: of a task the actor sees (`taskVisible`, the tasks
 * module's rule), and then every report (leaders, administrators, the programme's supervisors, the lead unit's
 * liaisons) or the liaison's own unit's.
 */
export function visibleReportWhere(
  eb: ExpressionBuilder<DB, 'reports'>,
  rv: ReportVisibility,
  taskVisible: TaskWhere,
): Expression<SqlBool> {
  const tasks = (where: TaskWhere) => taskIdsWhere(eb as unknown as ExpressionBuilder<DB, keyof DB>, where);
  const visibleTasks = tasks(taskVisible);
  if (rv.all) return eb('reports.task_id', 'in', visibleTasks);
  const ors: Expression<SqlBool>[] = [];
  if (rv.supervisorUserId) ors.push(eb('reports.task_id', 'in', tasks(taskWhere.supervisedBy(rv.supervisorUserId))));
  if (rv.liaisonUnitId) {
    ors.push(eb('reports.unit_id', '=', rv.liaisonUnitId));
    ors.push(eb('reports.task_id', 'in', taskIdsLedBy(eb as unknown as ExpressionBuilder<DB, keyof DB>, rv.liaisonUnitId)));
  }
  if (ors.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.and([eb('reports.task_id', 'in', visibleTasks), eb.or(ors)]);
}

/** Which of a task's reports a list returns: all of them, or one unit's. */
export type ReportScope = { all: true } | { all: false; unitId: string | null };

export async function listReportsOfTask(db: Kysely<DB>, taskId: string, scope: ReportScope): Promise<Report[]> {
  if (!scope.all && scope.unitId === null) return [];
  let q = db.selectFrom('reports').selectAll().where('task_id', '=', taskId);
  if (!scope.all && scope.unitId !== null) q = q.where('unit_id', '=', scope.unitId);
  const rows = await q.orderBy('period_key', 'desc').orderBy('unit_id').execute();
  return rows.map(toReport);
}

/** Every report's events, oldest first, keyed by report id. */
export async function listEvents(db: Kysely<DB>, reports: readonly Report[]): Promise<Map<string, StoredReportEvent[]>> {
  const out = new Map<string, StoredReportEvent[]>(reports.map((r) => [r.id, []]));
  if (reports.length === 0) return out;
  const byId = new Map(reports.map((r) => [r.id, r]));
  const rows = await db
    .selectFrom('report_events')
    .selectAll()
    .where('report_id', 'in', [...byId.keys()])
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(r.report_id)?.push(toEvent(r, byId.get(r.report_id)!));
  return out;
}

export async function listEvidence(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, Evidence[]>> {
  const out = new Map<string, Evidence[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return out;
  const rows = await db.selectFrom('evidence').selectAll().where('report_id', 'in', [...reportIds]).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) out.get(r.report_id)?.push(toEvidence(r));
  return out;
}

export async function findEvidence(db: Kysely<DB>, id: string): Promise<Evidence | null> {
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEvidence(row) : null;
}

/** Inserts a new report unless the unit already has one for the period, and returns it as stored; null means it exists. */
export async function insertReport(
  db: Kysely<DB>,
  r: { id: string; taskId: string; unitId: string; periodKey: string; content: ReportContent; authorId: string; now: Date },
): Promise<Report | null> {
  const at = r.now.toISOString();
  const row = await db
    .insertInto('reports')
    .values({
      id: r.id,
      task_id: r.taskId,
      unit_id: r.unitId,
      period_key: r.periodKey,
      state: 'draft',
      revision: 0,
      ...contentColumns(r.content),
      author_id: r.authorId,
      writer_ids_json: JSON.stringify([r.authorId]),
      first_submitted_at: null,
      submitted_at: null,
      late: 0,
      reviewed_by: null,
      reviewed_at: null,
      return_reason: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    // Two liaisons of one unit may start the same period at once: the unique key decides, without an error that
    // would abort a PostgreSQL transaction.
    .onConflict((oc) => oc.columns(['task_id', 'unit_id', 'period_key']).doNothing())
    // The stored row comes back with the write, so the caller can answer without reading it again.
    .returningAll()
    .executeTakeFirst();
  return row ? toReport(row) : null;
}

function contentColumns(c: ReportContent) {
  return {
    progress: c.progress,
    text: c.text,
    problems: c.problems,
    coordination: c.coordination,
    next_steps: c.nextSteps,
    milestone_updates_json: c.milestoneUpdates.length ? JSON.stringify(c.milestoneUpdates) : null,
    final: c.final ? 1 : 0,
    summary: c.summary,
  };
}

/**
 * Writes the report's state as its history now folds, plus new content when given, and returns the row as stored.
 * Conditional on `version`: null when someone else changed the report first.
 */
export async function updateReportRow(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  patch: { history: ReportHistory; content?: ReportContent; submittedAt?: Date; reviewedBy?: string | null; reviewedAt?: Date; now: Date },
): Promise<Report | null> {
  const h = patch.history;
  const lastReturn = h.returns[h.returns.length - 1];
  const row = await db
    .updateTable('reports')
    .set((eb) => ({
      ...(patch.content ? contentColumns(patch.content) : {}),
      state: h.state,
      revision: h.revision,
      writer_ids_json: JSON.stringify(h.writerIds),
      first_submitted_at: h.firstSubmittedAt,
      late: h.late ? 1 : 0,
      return_reason: lastReturn?.reason ?? null,
      ...(patch.submittedAt ? { submitted_at: patch.submittedAt.toISOString() } : {}),
      ...(patch.reviewedAt ? { reviewed_by: patch.reviewedBy ?? null, reviewed_at: patch.reviewedAt.toISOString() } : {}),
      updated_at: patch.now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ? toReport(row) : null;
}

export async function insertEvent(db: Kysely<DB>, e: { id: string; reportId: string; event: ReportEvent; snapshot?: SubmittedSnapshot }): Promise<void> {
  const ev = e.event;
  await db
    .insertInto('report_events')
    .values({
      id: e.id,
      report_id: e.reportId,
      type: ev.type,
      actor_id: ev.actorId === SYSTEM_ACTOR_ID ? null : ev.actorId,
      at: ev.at,
      revision: ev.type === 'report.created' ? 0 : ev.revision,
      reason: ev.type === 'report.returned' ? ev.reason : null,
      snapshot_json: toJson(e.snapshot),
    })
    .execute();
}

/** Records a blob's metadata the first time its bytes are stored; the same bytes uploaded twice share one row. */
export async function insertBlobIfMissing(db: Kysely<DB>, b: { sha256: string; byteSize: number; mediaType: string; now: Date }): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ sha256: b.sha256, byte_size: b.byteSize, media_type: b.mediaType, created_at: b.now.toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function insertEvidence(db: Kysely<DB>, e: Evidence): Promise<void> {
  await db
    .insertInto('evidence')
    .values({
      id: e.id,
      report_id: e.reportId,
      sha256: e.sha256,
      filename: e.filename,
      media_type: e.mediaType,
      byte_size: e.byteSize,
      uploaded_by: e.uploadedBy,
      created_at: e.createdAt.toISOString(),
    })
    .execute();
}

export async function deleteEvidenceRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('evidence').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Locked periods

export interface PeriodLock {
  programmeId: string;
  periodKey: string;
  lockedBy: string | null;
  lockedAt: Date;
}

export async function isPeriodLocked(db: Kysely<DB>, programmeId: string, periodKey: string): Promise<boolean> {
  const row = await db.selectFrom('period_locks').select('period_key').where('programme_id', '=', programmeId).where('period_key', '=', periodKey).executeTakeFirst();
  return row !== undefined;
}

export async function lockedPeriodKeys(db: Kysely<DB>, programmeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('period_locks').select('period_key').where('programme_id', '=', programmeId).execute();
  return new Set(rows.map((r) => r.period_key));
}

/** False when the period was locked already. */
export async function insertPeriodLock(db: Kysely<DB>, lock: PeriodLock): Promise<boolean> {
  const result = await db
    .insertInto('period_locks')
    .values({ programme_id: lock.programmeId, period_key: lock.periodKey, locked_by: lock.lockedBy, locked_at: lock.lockedAt.toISOString() })
    .onConflict((oc) => oc.columns(['programme_id', 'period_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findPeriodLock(db: Kysely<DB>, programmeId: string, periodKey: string): Promise<PeriodLock | null> {
  const row = await db.selectFrom('period_locks').selectAll().where('programme_id', '=', programmeId).where('period_key', '=', periodKey).executeTakeFirst();
  return row ? { programmeId: row.programme_id, periodKey: row.period_key, lockedBy: row.locked_by, lockedAt: new Date(row.locked_at) } : null;
}

export async function deletePeriodLock(db: Kysely<DB>, programmeId: string, periodKey: string): Promise<boolean> {
  const result = await db.deleteFrom('period_locks').where('programme_id', '=', programmeId).where('period_key', '=', periodKey).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts about the lead unit's accepted reports, for the task's progress figure

export async function acceptedReportsOfUnit(db: Kysely<DB>, taskId: string, unitId: string): Promise<Report[]> {
  const rows = await db.selectFrom('reports').selectAll().where('task_id', '=', taskId).where('unit_id', '=', unitId).where('state', '=', 'accepted').execute();
  return rows.map(toReport);
}
