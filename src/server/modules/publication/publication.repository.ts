/**
 * Publication rows, the public marks on reports and evidence, and the public read model. The read model is a
 * projection for anonymous readers: it takes, field by field, only what may be public (never a user id, a co-unit's
 * part, an instruction or a lead's contact), so a column added to a table later cannot leak by accident. Other
 * modules' rows come through their exports, which name their columns too.
 */
import type { Kysely } from 'kysely';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { DB, PublicationsTable } from '../../platform/db/schema.ts';
import { acceptedLeadsChangedAt } from '../leads/index.ts';
import { programmeChangedAt, programmeSummariesOf } from '../programmes/index.ts';
import { acceptedReport, acceptedReportsAmong, evidenceFilesOf, type EvidenceFile } from '../reports/index.ts';
import { listTreePastDraft, programmeOfTaskPastDraft, taskCountOf, tasksChangedAt, workCountsOf } from '../tasks/index.ts';
import { unitsChangedAt } from '../units/index.ts';

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
  const published = await db
    .selectFrom('publications')
    .select(['programme_id', 'published_at'])
    .where('published', '=', 1)
    .orderBy('published_at', 'desc')
    .orderBy('programme_id')
    .execute();
  const ids = published.map((p) => p.programme_id);
  const [programmes, counts] = await Promise.all([programmeSummariesOf(db, ids), workCountsOf(db, ids)]);
  const byId = new Map(programmes.map((p) => [p.id, p]));
  return published.flatMap((p) => {
    const programme = byId.get(p.programme_id);
    if (!programme) return [];
    const count = counts.get(p.programme_id);
    return [{ ...programme, publishedAt: p.published_at, tasks: count?.tasks ?? 0, closed: count?.closed ?? 0 }];
  });
}

export async function findPublishedProgramme(db: Kysely<DB>, id: string): Promise<PublicProgrammeRow | null> {
  const publication = await db.selectFrom('publications').select('published_at').where('programme_id', '=', id).where('published', '=', 1).executeTakeFirst();
  if (!publication) return null;
  const [programme] = await programmeSummariesOf(db, [id]);
  return programme ? { ...programme, publishedAt: publication.published_at } : null;
}

/** The programme a task belongs to, when that programme is published and the task is past draft. */
export async function findPublishedProgrammeOfTask(db: Kysely<DB>, taskId: string): Promise<string | null> {
  const r = await db
    .selectFrom('publications')
    .select('programme_id')
    .where((eb) => eb('programme_id', '=', programmeOfTaskPastDraft(eb, taskId)))
    .where('published', '=', 1)
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
  return (await listTreePastDraft(db, programmeId)).map((t) => ({
    id: t.id,
    areaId: t.areaId,
    parentId: t.parentId,
    depth: t.depth,
    kind: t.kind,
    ordinal: t.ordinal,
    label: t.label,
    title: t.title,
    leadUnit: t.leadUnitName,
    dueDate: t.dueDate,
    state: t.state,
    health: t.health,
    healthReason: t.healthSummary,
    progress: t.progress,
    closedAt: t.closedAt,
    updatedAt: t.updatedAt,
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
export async function listPublicUpdates(db: Kysely<DB>, programmeId: string): Promise<PublicUpdateRow[]> {
  const marked = await db.selectFrom('public_reports').select('report_id').where('programme_id', '=', programmeId).execute();
  // Belt and braces: a mark is only ever made on an accepted report, and an accepted report never changes state.
  const reports = await acceptedReportsAmong(db, marked.map((m) => m.report_id));
  return reports.map((r) => ({ id: r.id, taskId: r.taskId, periodKey: r.periodKey, acceptedAt: r.reviewedAt, progress: r.progress, text: r.text }));
}

/** An evidence file as the public pages serve it: the owner's shape, nothing more (no uploader). */
export type PublicEvidenceRow = EvidenceFile;

/** Evidence marked public on the given public reports. */
export async function listPublicEvidence(db: Kysely<DB>, reportIds: readonly string[]): Promise<PublicEvidenceRow[]> {
  if (reportIds.length === 0) return [];
  const marked = await db.selectFrom('public_evidence').select('evidence_id').where('report_id', 'in', [...reportIds]).execute();
  return evidenceFilesOf(db, marked.map((m) => m.evidence_id));
}

/** One public evidence file: marked public, its report marked public and accepted, its programme published. */
export async function findServableEvidence(db: Kysely<DB>, evidenceId: string): Promise<PublicEvidenceRow | null> {
  const [file] = await evidenceFilesOf(db, [evidenceId]);
  if (!file) return null;
  const servable = await db
    .selectFrom('public_reports')
    .innerJoin('publications', 'publications.programme_id', 'public_reports.programme_id')
    .select('public_reports.report_id')
    .where('public_reports.report_id', '=', file.reportId)
    .where('publications.published', '=', 1)
    .where((eb) => eb.and([
      eb.exists(eb.selectFrom('public_evidence').select('public_evidence.evidence_id').where('public_evidence.evidence_id', '=', evidenceId)),
      eb.exists(acceptedReport(eb, eb.val(file.reportId))),
    ]))
    .executeTakeFirst();
  return servable ? file : null;
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
      programmeChangedAt(eb, programmeId).as('programme'),
      tasksChangedAt(eb, programmeId).as('tasks'),
      taskCountOf(eb, programmeId).as('task_count'),
      unitsChangedAt(eb).as('units'),
      acceptedLeadsChangedAt(eb, programmeId).as('leads'),
    ])
    .executeTakeFirstOrThrow();
  return [r.publication, r.programme, r.tasks, r.task_count, r.units, r.leads].map((v) => String(v ?? '')).join('|');
}

/** The state key of a public task's programme, or null when the task is not public. */
export async function publicStateKeyOfTask(db: Kysely<DB>, taskId: string): Promise<string | null> {
  const programmeId = await findPublishedProgrammeOfTask(db, taskId);
  return programmeId ? publicStateKey(db, programmeId) : null;
}
