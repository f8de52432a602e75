/** Search results → API shape. */
import type { SearchResponse } from '../../../contract/search.ts';
import type { SearchHit } from './search.service.ts';

export function presentSearch(result: { items: SearchHit[]; total: number; totalCapped: boolean }): SearchResponse {
  return {
    items: result.items.map((h) => ({ type: h.type, id: h.id, part: h.part, taskId: h.taskId, parentId: h.parentId, title: h.title, snippet: h.snippet, highlights: h.highlights, updatedAt: h.updatedAt })),
    total: result.total,
    totalCapped: result.totalCapped,
  };
}
