/**
 * Publication rows, the public marks on reports and evidence, and the public read model. The read model is a
 * projection for anonymous readers: it selects, column by column, only what may be public (never a user id, a
 * co-unit's part, an instruction or a lead's contact), so a column added to a table later cannot leak by accident.
 */
import type { Kysely } from 'kysely';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { DB, PublicationsTable } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';

export interface Publication {
  programmeId: string;
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
  version: number;
}

function toPublication(r: PublicationsTable): Publication {
  return { programmeId: r.programme_id, published: r.published === 1, publishedAt: r.published_at, publishedBy: r.published_by, withdrawnAt: r.withdrawn_at, updatedAt: r.updated_at, version: r.version };
}

export async function findPublication(db: Kysely<DB>, programmeId: string): Promise<Publication | null> {
  const r = await db.selectFrom('publications').selectAll().where('programme_id', '=', programmeId).executeTakeFirst();
  return r ? toPublication(r) : null;
}

/** Publishes or withdraws; the version grows either way. */
export async function setPublished(db: Kysely<DB>, programmeId: string, published: boolean, by: string | null, now: string): Promise<void> {
  const existing = await db.selectFrom('publications').select('version').where('programme_id', '=', programmeId).executeTakeFirst();
  if (!existing) {
    await db.insertInto('publications').values({ programme_id: programmeId, published: published ? 1 : 0, published_at: published ? now : null, published_by: published ? by : null, withdrawn_at: published ? null : now, updated_at: now, version: 1 }).execute();
    return;
  }
  await db
    .updateTable('publications')
    .set((eb) => ({
      published: published ? 1 : 0,
      ...(published ? { published_at: now, published_by: by, withdrawn_at: null } : { withdrawn_at: now }),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('programme_id', '=', programmeId)
    .execute();
}

/** Something the public sees changed (a report or evidence made public or private): caches must revalidate. */
export async function bumpPublication(db: Kysely<DB>, programmeId: string, now: string): Promise<void> {
  await db.updateTable('publications').set((eb) => ({ updated_at: now, version: eb('version', '+', 1) })).where('programme_id', '=', programmeId).execute();
}

export async function markReport(db: Kysely<DB>, row: { reportId: string; programmeId: string; by: string | null; now: string }): Promise<void> {
  await db.insertInto('public_reports').values({ report_id: row.reportId, programme_id: row.programmeId, marked_by: row.by, marked_at: row.now }).onConflict((oc) => oc.column('report_id').doNothing()).execute();
}

export async function unmarkReport(db: Kysely<DB>, reportId: string): Promise<void> {
  await db.deleteFrom('public_reports').where('report_id', '=', reportId).execute();
}

export async function findReportMark(db: Kysely<DB>, reportId: string): Promise<string | null> {
  return (await db.selectFrom('public_reports').select('marked_at').where('report_id', '=', reportId).executeTakeFirst())?.marked_at ?? null;
}

export async function markEvidence(db: Kysely<DB>, row: { evidenceId: string; reportId: string; by: string | null; now: string }): Promise<void> {
  await db.insertInto('public_evidence').values({ evidence_id: row.evidenceId, report_id: row.reportId, marked_by: row.by, marked_at: row.now }).onConflict((oc) => oc.column('evidence_id').doNothing()).execute();
}

export async function unmarkEvidence(db: Kysely<DB>, evidenceId: string): Promise<void> {
  await db.deleteFrom('public_evidence').where('evidence_id', '=', evidenceId).execute();
}

export async function findEvidenceMark(db: Kysely<DB>, evidenceId: string): Promise<string | null> {
  return (await db.selectFrom('public_evidence').select('marked_at').where('evidence_id', '=', evidenceId).executeTakeFirst())?.marked_at ?? null;
}

export async function publicIdsOf(db: Kysely<DB>, programmeId: string): Promise<{ reportIds: string[]; evidenceIds: string[] }> {
  const reports = await db.selectFrom('public_reports').select('report_id').where('programme_id', '=', programmeId).orderBy('report_id').execute();
  const evidence = await db
    .selectFrom('public_evidence')
    .innerJoin('public_reports', 'public_reports.report_id', 'public_evidence.report_id')
    .select('public_evidence.evidence_id')
    .where('public_reports.programme_id', '=', programmeId)
    .orderBy('public_evidence.evidence_id')
    .execute();
  return { reportIds: reports.map((r) => r.report_id), evidenceIds: evidence.map((r) => r.evidence_id) };
}

// ───────────── the public read model ─────────────

export interface PublicProgrammeRow {
  id: string;
  title: string;
  description: string | null;
  updatedAt: string;
  publishedAt: string | null;
}

/** Published programmes, newest publication first. */
export async function listPublishedProgrammes(db: Kysely<DB>): Promise<Array<PublicProgrammeRow & { tasks: number; closed: number }>> {
  const rows = await db
    .selectFrom('programmes')
    .innerJoin('publications', 'publications.programme_id', 'programmes.id')
    .select(['programmes.id', 'programmes.title', 'programmes.description', 'programmes.updated_at', 'publications.published_at'])
    .select((eb) => [
      eb.selectFrom('tasks').select((e) => e.fn.countAll<number>().as('n')).whereRef('tasks.programme_id', '=', 'programmes.id').where('tasks.kind', '!=', 'area').where('tasks.state', '!=', 'draft').as('tasks'),
      eb.selectFrom('tasks').select((e) => e.fn.countAll<number>().as('n')).whereRef('tasks.programme_id', '=', 'programmes.id').where('tasks.kind', '!=', 'area').where('tasks.state', '=', 'closed').as('closed'),
    ])
    .where('publications.published', '=', 1)
    .orderBy('publications.published_at', 'desc')
    .orderBy('programmes.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at, publishedAt: r.published_at, tasks: Number(r.tasks ?? 0), closed: Number(r.closed ?? 0) }));
}

export async function findPublishedProgramme(db: Kysely<DB>, id: string): Promise<PublicProgrammeRow | null> {
  const r = await db
    .selectFrom('programmes')
    .innerJoin('publications', 'publications.programme_id', 'programmes.id')
    .select(['programmes.id', 'programmes.title', 'programmes.description', 'programmes.updated_at', 'publications.published_at'])
    .where('programmes.id', '=', id)
    .where('publications.published', '=', 1)
    .executeTakeFirst();
  return r ? { id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at, publishedAt: r.published_at } : null;
}

/** The programme a task belongs to, when that programme is published and the task is past draft. */
export async function findPublishedProgrammeOfTask(db: Kysely<DB>, taskId: string): Promise<string | null> {
  const r = await db
    .selectFrom('tasks')
    .innerJoin('publications', 'publications.programme_id', 'tasks.programme_id')
    .select('tasks.programme_id')
    .where('tasks.id', '=', taskId)
    .where('tasks.state', '!=', 'draft')
    .where('publications.published', '=', 1)
    .executeTakeFirst();
  return r?.programme_id ?? null;
}

export interface PublicTaskRow {
  id: string;
  areaId: string | null;
  parentId: string | null;
  depth: number;
  kind: string;
  ordinal: number;
  label: string | null;
  title: string;
  leadUnit: string | null;
  dueDate: string | null;
  state: TaskState;
  health: HealthColour;
  healthReason: { 'zh-Hans': string; 'zh-Hant': string; en: string } | null;
  progress: number;
  closedAt: string | null;
  updatedAt: string;
}

/** The programme's tree: areas (whatever their state, they are headings) and every task past draft. */
export async function listPublicTasks(db: Kysely<DB>, programmeId: string): Promise<PublicTaskRow[]> {
  const rows = await db
    .selectFrom('tasks')
    .leftJoin('units', 'units.id', 'tasks.lead_unit_id')
    .select([
      'tasks.id', 'tasks.area_id', 'tasks.parent_id', 'tasks.depth', 'tasks.kind', 'tasks.ordinal', 'tasks.label', 'tasks.title', 'units.name as lead_unit',
      'tasks.due_date', 'tasks.state', 'tasks.health', 'tasks.health_json', 'tasks.progress', 'tasks.closed_at', 'tasks.updated_at',
    ])
    .where('tasks.programme_id', '=', programmeId)
    .where((eb) => eb.or([eb('tasks.kind', '=', 'area'), eb('tasks.state', '!=', 'draft')]))
    .orderBy('tasks.depth')
    .orderBy('tasks.ordinal')
    .orderBy('tasks.created_at')
    .orderBy('tasks.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    areaId: r.area_id,
    parentId: r.parent_id,
    depth: r.depth,
    kind: r.kind,
    ordinal: r.ordinal,
    label: r.label,
    title: r.title,
    leadUnit: r.lead_unit,
    dueDate: r.due_date,
    state: r.state as TaskState,
    health: r.health as HealthColour,
    healthReason: fromJson<{ summary?: { 'zh-Hans': string; 'zh-Hant': string; en: string } }>(r.health_json)?.summary ?? null,
    progress: Number(r.progress),
    closedAt: r.closed_at,
    updatedAt: r.updated_at,
  }));
}

export interface PublicUpdateRow {
  id: string;
  taskId: string;
  periodKey: string;
  acceptedAt: string | null;
  progress: number;
  text: string;
}

/** Accepted reports marked public, of the given programme; newest first. */
export async function listPublicUpdates(db: Kysely<DB>, programmeId: string, taskId?: string): Promise<PublicUpdateRow[]> {
  let q = db
    .selectFrom('public_reports')
    .innerJoin('reports', 'reports.id', 'public_reports.report_id')
    .select(['reports.id', 'reports.task_id', 'reports.period_key', 'reports.reviewed_at', 'reports.progress', 'reports.text'])
    .where('public_reports.programme_id', '=', programmeId)
    // Belt and braces: a mark is only ever made on an accepted report, and an accepted report never changes state.
    .where('reports.state', '=', 'accepted');
  if (taskId) q = q.where('reports.task_id', '=', taskId);
  const rows = await q.orderBy('reports.reviewed_at', 'desc').orderBy('reports.id').execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, periodKey: r.period_key, acceptedAt: r.reviewed_at, progress: Number(r.progress), text: r.text }));
}

export interface PublicEvidenceRow {
  id: string;
  reportId: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
}

/** Evidence marked public on the given public reports. */
export async function listPublicEvidence(db: Kysely<DB>, reportIds: readonly string[]): Promise<PublicEvidenceRow[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom('public_evidence')
    .innerJoin('evidence', 'evidence.id', 'public_evidence.evidence_id')
    .select(['evidence.id', 'evidence.report_id', 'evidence.filename', 'evidence.media_type', 'evidence.byte_size', 'evidence.sha256'])
    .where('public_evidence.report_id', 'in', [...reportIds])
    .orderBy('evidence.created_at')
    .orderBy('evidence.id')
    .execute();
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), sha256: r.sha256 }));
}

/** One public evidence file: marked public, its report marked public and accepted, its programme published. */
export async function findServableEvidence(db: Kysely<DB>, evidenceId: string): Promise<PublicEvidenceRow | null> {
  const r = await db
    .selectFrom('public_evidence')
    .innerJoin('evidence', 'evidence.id', 'public_evidence.evidence_id')
    .innerJoin('public_reports', 'public_reports.report_id', 'evidence.report_id')
    .innerJoin('reports', 'reports.id', 'evidence.report_id')
    .innerJoin('publications', 'publications.programme_id', 'public_reports.programme_id')
    .select(['evidence.id', 'evidence.report_id', 'evidence.filename', 'evidence.media_type', 'evidence.byte_size', 'evidence.sha256'])
    .where('public_evidence.evidence_id', '=', evidenceId)
    .where('reports.state', '=', 'accepted')
    .where('publications.published', '=', 1)
    .executeTakeFirst();
  return r ? { id: r.id, reportId: r.report_id, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), sha256: r.sha256 } : null;
}

export interface PublicLeadRow {
  id: string;
  taskId: string;
  acceptedAt: string | null;
  rectificationTaskId: string | null;
}

/** Accepted leads of the programme (only the fact and the rectification link: never text, photo or contact). */
export async function listAcceptedLeads(db: Kysely<DB>, programmeId: string): Promise<PublicLeadRow[]> {
  const rows = await db
    .selectFrom('leads')
    .select(['id', 'task_id', 'decided_at', 'rectification_task_id'])
    .where('programme_id', '=', programmeId)
    .where('state', '=', 'accepted')
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, acceptedAt: r.decided_at, rectificationTaskId: r.rectification_task_id }));
}

/**
 * A short key that changes whenever anything the programme's public page shows may have changed: the publication
 * (publish, withdraw, public marks), the programme, any of its tasks, unit names, and its leads' decisions.
 */
export async function publicStateKey(db: Kysely<DB>, programmeId: string | null): Promise<string> {
  const r = await db
    .selectNoFrom((eb) => [
      (programmeId
        ? eb.selectFrom('publications').select((e) => e.fn.max('version').as('v')).where('programme_id', '=', programmeId)
        : eb.selectFrom('publications').select((e) => e.fn.sum<number>('version').as('v'))
      ).as('publication'),
      (programmeId
        ? eb.selectFrom('programmes').select((e) => e.fn.max('updated_at').as('v')).where('id', '=', programmeId)
        : eb.selectFrom('programmes').select((e) => e.fn.max('updated_at').as('v'))
      ).as('programme'),
      (programmeId
        ? eb.selectFrom('tasks').select((e) => e.fn.max('updated_at').as('v')).where('programme_id', '=', programmeId)
        : eb.selectFrom('tasks').select((e) => e.fn.max('updated_at').as('v'))
      ).as('tasks'),
      (programmeId
        ? eb.selectFrom('tasks').select((e) => e.fn.countAll<number>().as('v')).where('programme_id', '=', programmeId)
        : eb.selectFrom('tasks').select((e) => e.fn.countAll<number>().as('v'))
      ).as('task_count'),
      eb.selectFrom('units').select((e) => e.fn.max('updated_at').as('v')).as('units'),
      (programmeId
        ? eb.selectFrom('leads').select((e) => e.fn.max('updated_at').as('v')).where('programme_id', '=', programmeId).where('state', '=', 'accepted')
        : eb.selectFrom('leads').select((e) => e.fn.max('updated_at').as('v')).where('state', '=', 'accepted')
      ).as('leads'),
    ])
    .executeTakeFirstOrThrow();
  return [r.publication, r.programme, r.tasks, r.task_count, r.units, r.leads].map((v) => String(v ?? '')).join('|');
}

/** The state key of a public task's programme, or null when the task is not public. */
export async function publicStateKeyOfTask(db: Kysely<DB>, taskId: string): Promise<string | null> {
  const programmeId = await findPublishedProgrammeOfTask(db, taskId);
  return programmeId ? publicStateKey(db, programmeId) : null;
}
