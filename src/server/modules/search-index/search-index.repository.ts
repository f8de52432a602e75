/**
 * The search index's table (`search_entries`) and the source rows it is built from. The index is a projection of
 * documents, tasks, reports, inspection findings and relay records, refreshed in the same transaction as the write that
 * changed them and rebuilt wholesale by `luoshi search reindex`; this module sits below their owners, so each owner
 * reads its own rows in the shapes below (`*SearchSources`) and hands them down.
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

/** Which source rows to read: these ids, or a page of all rows in id order after `after` (for the rebuild). */
export type SourceSelection = { ids: readonly string[] } | { after: string; limit: number };

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

