/**
 * Keeping the search index in step with its sources: the owning modules call `indexTask`, `indexReport` and
 * `indexDocument` inside the transaction that wrote the row, so the index never shows a committed state the source
 * does not have (and a rolled-back write leaves no entry). `rebuildSearchIndex` recomputes everything.
 */
import type { Kysely } from 'kysely';
import { searchForm, tokensOf } from '../../../core/search/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import * as repo from './search-index.repository.ts';
import type { SearchEntry } from './search-index.repository.ts';

const join = (...parts: Array<string | null>) => parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');

function taskEntry(t: repo.TaskSource): SearchEntry {
  const body = join(t.title, t.description);
  return { type: 'task', refId: t.id, part: 0, taskId: t.id, title: t.title, body, tokens: tokensOf(searchForm(body)), updatedAt: t.updatedAt };
}

function reportEntry(r: repo.ReportSource): SearchEntry {
  const body = join(r.text, r.problems, r.coordination, r.nextSteps);
  return { type: 'report', refId: r.id, part: 0, taskId: r.taskId, title: r.taskTitle, body, tokens: tokensOf(searchForm(body)), updatedAt: r.updatedAt };
}

/** One entry per non-empty paragraph (line), numbered from 0 in reading order. */
function documentEntries(d: repo.DocumentSource): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const line of d.text.split(/\r?\n/u)) {
    const body = line.trim();
    if (!body) continue;
    out.push({ type: 'document', refId: d.id, part: out.length, taskId: null, title: d.title, body, tokens: tokensOf(searchForm(body)), updatedAt: d.createdAt });
  }
  return out;
}

/** Re-indexes tasks after they were created or their title or description changed (their reports' titles too). */
export async function indexTasks(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (const t of await repo.taskSources(trx, { ids })) {
    await repo.replaceEntries(trx, 'task', t.id, [taskEntry(t)]);
    await repo.retitleReports(trx, t.id, t.title);
  }
}

/** Re-indexes reports after they were created or their content changed. */
export async function indexReports(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (const r of await repo.reportSources(trx, { ids })) await repo.replaceEntries(trx, 'report', r.id, [reportEntry(r)]);
}

/** Indexes an imported document's paragraphs. */
export async function indexDocuments(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  for (const d of await repo.documentSources(trx, { ids })) await repo.replaceEntries(trx, 'document', d.id, documentEntries(d));
}

export interface RebuildResult {
  documents: number;
  paragraphs: number;
  tasks: number;
  reports: number;
}

const PAGE = 500;

/** Empties and refills the index in one transaction: readers see the old index until the new one is complete. */
export async function rebuildSearchIndex(db: Kysely<DB>): Promise<RebuildResult> {
  return db.transaction().execute(async (trx) => {
    const result: RebuildResult = { documents: 0, paragraphs: 0, tasks: 0, reports: 0 };
    await repo.clearIndex(trx);
    for (let after = ''; ; ) {
      const page = await repo.documentSources(trx, { after, limit: 50 });
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
      const page = await repo.taskSources(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(taskEntry));
      result.tasks += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after = ''; ; ) {
      const page = await repo.reportSources(trx, { after, limit: PAGE });
      await repo.insertEntries(trx, page.map(reportEntry));
      result.reports += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    return result;
  });
}
