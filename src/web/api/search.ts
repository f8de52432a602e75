/** Full-text search (`GET /api/v1/search`); the shapes come from the server's contract. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchItem, SearchQuery, SearchResponse } from '../../contract/search.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';

export type { SearchItem, SearchResponse } from '../../contract/search.ts';

/** The query the search page builds: paged explicitly, filtered by type and script when chosen. */
export type SearchParams = Pick<SearchQuery, 'q' | 'type' | 'script'> & Required<Pick<SearchQuery, 'limit' | 'offset'>>;

export function useSearch(params: SearchParams) {
  const q = params.q.trim();
  return useQuery({
    queryKey: ['search', { ...params, q }],
    queryFn: ({ signal }) =>
      call('GET /api/v1/search', {
        query: { q, limit: params.limit, offset: params.offset, ...(params.type ? { type: params.type } : {}), ...(params.script ? { script: params.script } : {}) },
        signal,
      }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const searchFields = fieldsOf<SearchResponse>()({ items: 'shown', total: 'shown', totalCapped: 'shown' });
export const searchItemFields = fieldsOf<SearchItem>()({
  type: 'shown', id: 'shown', part: 'shown', taskId: 'shown', parentId: 'shown', title: 'shown', snippet: 'shown', highlights: 'shown',
  updatedAt: 'shown',
});
