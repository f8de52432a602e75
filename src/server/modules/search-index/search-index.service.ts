/**
 * Keeping the search index in step with its sources: the owning modules hand their rows to `indexTaskSources`,
 * `indexWrittenReport`, `indexDocumentSources`, `indexFindingSources` and `indexRelayRecordSources` inside the transaction
 * that wrote them, so the index never shows a committed state the source does not have (and a rolled-back write leaves
 * no entry). `rebuildSearchIndexFrom` recomputes everything from the owners' readers (search wires them).
 */
import type { Kysely } from 'kysely';
import type { MeetingType } from '../../../core/relays/index.ts';
import { searchForm, tokensOf } from '../../../core/search/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import * as repo from './search-index.repository.ts';
import type { SearchEntry } from './search-index.repository.ts';

const join = (...parts: Array<string | null>) => parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');

function taskEntry(t: repo.TaskSource): SearchEntry {
  const body = join(t.title, t.description);
  return { type: 'task', refId: t.id, part: 0, taskId: t.id, parentId: null, title: t.title, body, tokens: tokensOf(searchForm(body)), updatedAt: t.updatedAt };
}

function reportEntry(r: repo.ReportSource): SearchEntry {
  const body = join(r.text, r.problems, r.coordination, r.nextSteps);
  return { type: 'report', refId: r.id, part: 0, taskId: r.taskId, parentId: null, title: r.taskTitle, body, tokens: tokensOf(searchForm(body)), updatedAt: r.updatedAt };
}

function findingEntry(f: repo.FindingSource): SearchEntry {
  const body = join(f.title, f.description, f.visitNotes);
  return { type: 'finding', refId: f.id, part: 0, taskId: null, parentId: f.inspectionId, title: f.title, body, tokens: tokensOf(searchForm(body)), updatedAt: f.updatedAt };
}

/** The meeting's kind in words, so a search for 党组会 finds the records of such meetings (the UI's zh-Hans labels). */
const MEETING_WORDS: Record<MeetingType, string | null> = { party_group: '党组会', theory_group: '理论学习中心组', special: '专题会', branch: '支部会', other: null };

function relayEntry(r: repo.RelayRecordSource): SearchEntry {
  const meeting = MEETING_WORDS[r.meetingType as MeetingType] ?? null;
  const body = join([meeting, r.meetingTypeOther, r.chair].filter(Boolean).join(' '), r.minutes, r.followUp);
  return { type: 'relay', refId: r.id, part: 0, taskId: null, parentId: r.campaignId, title: r.documentTitle, body, tokens: tokensOf(searchForm(body)), updatedAt: r.updatedAt };
}

/** One entry per non-empty paragraph (line), numbered from 0 in reading order. */
function documentEntries(d: repo.DocumentSource): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const line of d.text.split(/\r?\n/u)) {
    const body = line.trim();
    if (!body) continue;
    out.push({ type: 'document', refId: d.id, part: out.length, taskId: null, parentId: null, title: d.title, body, tokens: tokensOf(searchForm(body)), updatedAt: d.createdAt });
  }
  return out;
}

/** Re-indexes tasks after they were created or their title or description changed (their reports' titles too). */
export async function indexTaskSources(trx: Kysely<DB>, tasks: readonly repo.TaskSource[]): Promise<void> {
  for (const t of tasks) {
    await repo.replaceEntries(trx, 'task', t.id, [taskEntry(t)]);
    await repo.retitleReports(trx, t.id, t.title);
  }
}

/** Indexes a report from what its writer holds (the report as written and its task's title), without reading it back. */
export async function indexWrittenReport(trx: Kysely<DB>, r: repo.ReportSource): Promise<void> {
  await repo.replaceEntries(trx, 'report', r.id, [reportEntry(r)]);
}

/**
 * Re-indexes inspection findings after they were recorded or changed: `found` holds the source rows of those of `ids`
 * that still exist, and an id without one loses its entry (so a deletion is re-indexed too, after deleting).
 */
export async function indexFindingSources(trx: Kysely<DB>, ids: readonly string[], found: readonly repo.FindingSource[]): Promise<void> {
  for (const f of found) await repo.replaceEntries(trx, 'finding', f.id, [findingEntry(f)]);
  await repo.removeEntries(trx, 'finding', ids.filter((id) => !found.some((f) => f.id === id)));
}

/** Re-indexes 传达学习 records after they were recorded, amended or returned; an id not in `found` (deleted) loses its entry. */
export async function indexRelayRecordSources(trx: Kysely<DB>, ids: readonly string[], found: readonly repo.RelayRecordSource[]): Promise<void> {
  for (const r of found) await repo.replaceEntries(trx, 'relay', r.id, [relayEntry(r)]);
  await repo.removeEntries(trx, 'relay', ids.filter((id) => !found.some((r) => r.id === id)));
}

/** Indexes imported documents' paragraphs. */
export async function indexDocumentSources(trx: Kysely<DB>, documents: readonly repo.DocumentSource[]): Promise<void> {
  for (const d of documents) await repo.replaceEntries(trx, 'document', d.id, documentEntries(d));
}

export interface RebuildResult {
  documents: number;
  paragraphs: number;
  tasks: number;
  reports: number;
  findings: number;
  relayRecords: number;
}

/** Each owner's reader of its source rows (its `*SearchSources`), for the rebuild. */
export interface SearchSources {
  documents: (db: Kysely<DB>, by: repo.SourceSelection) => Promise<repo.DocumentSource[]>;
  tasks: (db: Kysely<DB>, by: repo.SourceSelection) => Promise<repo.TaskSource[]>;
  reports: (db: Kysely<DB>, by: repo.SourceSelection) => Promise<repo.ReportSource[]>;
  findings: (db: Kysely<DB>, by: repo.SourceSelection) => Promise<repo.FindingSource[]>;
  relayRecords: (db: Kysely<DB>, by: repo.SourceSelection) => Promise<repo.RelayRecordSource[]>;
}

const PAGE = 500;

/**
 * Empties and refills the index from the owners' source rows in one transaction: readers see the old index until the
 * new one is complete.
 */
export async function rebuildSearchIndexFrom(db: Kysely<DB>, sources: SearchSources): Promise<RebuildResult> {
  return db.transaction().execute(async (trx) => {
    const result: RebuildResult = { documents: 0, paragraphs: 0, tasks: 0, reports: 0, findings: 0, relayRecords: 0 };
    await repo.clearIndex(trx);
    for (let after = ''; ; ) {
      const page = await sources.documents(trx, { after, limit: 50 });
      for (const d of page) {
        const entries = documentEntries(d);
        await repo.insertEntries(trx, entries);
        result.documents += 1;
        result.paragraphs += entries.length;
      }
      if (page.length < 50) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ''; ; ) {
      const page = await sources.tasks(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(taskEntry));
      result.tasks += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ''; ; ) {
      const page = await sources.reports(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(reportEntry));
      result.reports += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ''; ; ) {
      const page = await sources.findings(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(findingEntry));
      result.findings += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ''; ; ) {
      const page = await sources.relayRecords(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(relayEntry));
      result.relayRecords += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    return result;
  });
}
