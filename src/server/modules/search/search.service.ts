/** Full-text search use case: parse the query, scope it to what the caller may see, page it, cut snippets. */
import { parseQuery, snippetOf, inScript, type Script } from '../../../core/search/index.ts';
import { requirePermission, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { searchEntries, type SearchType } from '../search-index/index.ts';
import { programmeFilter, searchScopeOf, unitFilter } from './search.scope.ts';

export interface SearchInput {
  q: string;
  type?: SearchType;
  unitId?: string;
  programmeId?: string;
  script?: Script;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  part: number;
  taskId: string | null;
  parentId: string | null;
  title: string;
  snippet: string;
  highlights: Array<[number, number]>;
  updatedAt: string;
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
    {
      terms, type: input.type, limit: input.limit ?? 20, offset: input.offset ?? 0,
      programme: input.programmeId ? programmeFilter(input.programmeId) : undefined,
      unit: input.unitId ? unitFilter(input.unitId) : undefined,
    },
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
