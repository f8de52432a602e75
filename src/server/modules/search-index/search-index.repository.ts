/**
 * The search index's table (`search_entries`) and the read model it is built from. Like the notices' read model,
 * it reads the source tables (documents, tasks, reports, inspection findings, relay records) directly: the index is a projection of them, refreshed in
 * the same transaction as the write that changed them, and rebuilt wholesale by `luoshi search reindex`.
 */
import type { Kysely } from 'kysely';
import { dialectOf, fulltextValue } from '../../platform/db/fulltext.ts';
import type { DB } from '../../platform/db/schema.ts';

export type SearchType = 'document' | 'task' | 'report' | 'finding' | 'relay';

export interface SearchEntry {
  type: SearchType;
  refId: string;
  part: number;
  taskId: string | null;
  /** The inspection of a finding, the campaign of a relay record; null otherwise. */
  parentId: string | null;
  title: string;
  body: string;
  tokens: string[];
  updatedAt: string;
}

/** Removes the entries of objects that no longer exist (or are gone from the index's reach). */
export async function removeEntries(db: Kysely<DB>, type: SearchType, refIds: readonly string[]): Promise<void> {
  if (refIds.length === 0) return;
  await db.deleteFrom('search_entries').where('type', '=', type).where('ref_id', 'in', [...refIds]).execute();
}

/** Replaces every entry of one object (a document's paragraphs, a task, a report) with these. */
export async function replaceEntries(db: Kysely<DB>, type: SearchType, refId: string, entries: readonly SearchEntry[]): Promise<void> {
  await db.deleteFrom('search_entries').where('type', '=', type).where('ref_id', '=', refId).execute();
  await insertEntries(db, entries);
}

/** Inserts entries in batches (the caller removed any older ones). */
export async function insertEntries(db: Kysely<DB>, entries: readonly SearchEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const dialect = dialectOf(db);
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('search_entries')
      .values(entries.slice(i, i + 200).map((e) => ({
        id: `${e.type}:${e.refId}:${e.part}`,
        type: e.type,
        ref_id: e.refId,
        part: e.part,
        task_id: e.taskId,
        parent_id: e.parentId,
        title: e.title,
        body: e.body,
        tokens: fulltextValue(dialect, e.tokens),
        updated_at: e.updatedAt,
      })))
      .execute();
  }
}

/** A task's title also heads its reports' entries. */
export async function retitleReports(db: Kysely<DB>, taskId: string, title: string): Promise<void> {
  await db.updateTable('search_entries').set({ title }).where('type', '=', 'report').where('task_id', '=', taskId).execute();
}

export async function clearIndex(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('search_entries').execute();
}

export interface TaskSource {
  id: string;
  title: string;
  description: string | null;
  updatedAt: string;
}

export interface ReportSource {
  id: string;
  taskId: string;
  taskTitle: string;
  text: string;
  problems: string | null;
  coordination: string | null;
  nextSteps: string | null;
  updatedAt: string;
}

export interface DocumentSource {
  id: string;
  title: string;
  text: string;
  createdAt: string;
}

/** Tasks by id, or a page of all tasks after `after` (for the rebuild). */
export async function taskSources(db: Kysely<DB>, by: { ids: readonly string[] } | { after: string; limit: number }): Promise<TaskSource[]> {
  let q = db.selectFrom('tasks').select(['id', 'title', 'description', 'updated_at']);
  q = 'ids' in by ? q.where('id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('id', '>', by.after).orderBy('id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at }));
}

export async function reportSources(db: Kysely<DB>, by: { ids: readonly string[] } | { after: string; limit: number }): Promise<ReportSource[]> {
  let q = db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['reports.id', 'reports.task_id', 'tasks.title', 'reports.text', 'reports.problems', 'reports.coordination', 'reports.next_steps', 'reports.updated_at']);
  q = 'ids' in by ? q.where('reports.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('reports.id', '>', by.after).orderBy('reports.id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, taskId: r.task_id, taskTitle: r.title, text: r.text, problems: r.problems, coordination: r.coordination, nextSteps: r.next_steps, updatedAt: r.updated_at }));
}

export async function documentSources(db: Kysely<DB>, by: { ids: readonly string[] } | { after: string; limit: number }): Promise<DocumentSource[]> {
  let q = db.selectFrom('documents').select(['id', 'title', 'text', 'created_at']);
  q = 'ids' in by ? q.where('id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('id', '>', by.after).orderBy('id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, title: r.title, text: r.text, createdAt: r.created_at }));
}

export interface FindingSource {
  id: string;
  inspectionId: string;
  title: string;
  description: string | null;
  /** The notes of the visit the finding was recorded on, only when that visit was to the finding's own unit. */
  visitNotes: string | null;
  updatedAt: string;
}

export interface RelayRecordSource {
  id: string;
  campaignId: string;
  documentTitle: string;
  meetingType: string;
  meetingTypeOther: string | null;
  chair: string;
  minutes: string | null;
  followUp: string | null;
  updatedAt: string;
}

/** Findings by id, or a page of all findings after `after` (for the rebuild). */
export async function findingSources(db: Kysely<DB>, by: { ids: readonly string[] } | { after: string; limit: number }): Promise<FindingSource[]> {
  let q = db
    .selectFrom('inspection_findings as f')
    // A visit to another unit (or to none) is not the finding's unit's to read: its notes stay out of the entry.
    .leftJoin('inspection_visits as v', (j) => j.onRef('v.id', '=', 'f.visit_id').onRef('v.unit_id', '=', 'f.unit_id'))
    .select(['f.id', 'f.inspection_id', 'f.title', 'f.description', 'v.notes', 'f.updated_at']);
  q = 'ids' in by ? q.where('f.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('f.id', '>', by.after).orderBy('f.id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, inspectionId: r.inspection_id, title: r.title, description: r.description, visitNotes: r.notes ?? null, updatedAt: r.updated_at }));
}

/** Relay records by id, or a page of all records after `after` (for the rebuild). */
export async function relayRecordSources(db: Kysely<DB>, by: { ids: readonly string[] } | { after: string; limit: number }): Promise<RelayRecordSource[]> {
  let q = db
    .selectFrom('relay_records as r')
    .innerJoin('relay_campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('documents as d', 'd.id', 'c.document_id')
    .select(['r.id', 'r.campaign_id', 'd.title', 'r.meeting_type', 'r.meeting_type_other', 'r.chair', 'r.minutes', 'r.follow_up', 'r.updated_at']);
  q = 'ids' in by ? q.where('r.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('r.id', '>', by.after).orderBy('r.id').limit(by.limit);
  return (await q.execute()).map((r) => ({
    id: r.id, campaignId: r.campaign_id, documentTitle: r.title, meetingType: r.meeting_type, meetingTypeOther: r.meeting_type_other, chair: r.chair,
    minutes: r.minutes, followUp: r.follow_up, updatedAt: r.updated_at,
  }));
}
