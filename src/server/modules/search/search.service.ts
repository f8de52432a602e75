/** Full-text search use case: parse the query, scope it to what the caller may see, page it, cut snippets. */
import { parseQuery, snippetOf, inScript, type Script } from '../../../core/search/index.ts';
import { requirePermission, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { canReadDocuments } from '../documents/index.ts';
import { visibleReportsWhere } from '../reports/index.ts';
import { visibleTasksWhere } from '../tasks/index.ts';
import { searchEntries, type SearchEntryType, type SearchScope } from './search.repository.ts';
import { visibleFindingsWhere, visibleRelayRecordsWhere } from './search.scope.ts';

export interface SearchInput {
  q: string;
  type?: SearchEntryType;
  unitId?: string;
  programmeId?: string;
  script?: Script;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  type: SearchEntryType;
  id: string;
  part: number;
  taskId: string | null;
  parentId: string | null;
  title: string;
  snippet: string;
  highlights: Array<[number, number]>;
  updatedAt: string;
}

/** The caller's search scope: each object type by its own module's visibility rule. */
export function searchScopeOf(actor: Actor): SearchScope {
  return {
    documents: canReadDocuments(actor),
    tasks: visibleTasksWhere(actor),
    reports: visibleReportsWhere(actor),
    // Findings are read with `task.read`, which the search itself requires; relay records need `document.read`.
    findings: visibleFindingsWhere(actor),
    relayRecords: canReadDocuments(actor) ? visibleRelayRecordsWhere(actor) : null,
  };
}

/** Searches documents (by paragraph), tasks, reports, inspection findings and relay records; only what the caller may see is ever matched. */
export async function search(ctx: AppContext, actor: Actor, input: SearchInput): Promise<{ items: SearchHit[]; total: number; totalCapped: boolean }> {
  requirePermission(actor, 'task.read');
  const terms = parseQuery(input.q);
  if (terms.length === 0) throw badRequest('query_empty', 'The query has no letters or digits to search for');
  const script = input.script ?? null;
  const { rows, total, capped } = await searchEntries(
    ctx.db,
    ctx.database.kind,
    { terms, type: input.type, unitId: input.unitId, programmeId: input.programmeId, limit: input.limit ?? 20, offset: input.offset ?? 0 },
    searchScopeOf(actor),
  );
  const items = rows.map((r): SearchHit => {
    const snippet = snippetOf(r.body, terms, script);
    return {
      type: r.type as SearchHit['type'],
      id: r.ref_id,
      part: r.part,
      taskId: r.task_id,
      parentId: r.parent_id,
      title: inScript(r.title, script),
      snippet: snippet.text,
      highlights: snippet.highlights,
      updatedAt: r.updated_at,
    };
  });
  return { items, total, totalCapped: capped };
}
