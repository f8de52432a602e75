/** Full-text search (`GET /api/v1/search`); the shapes come from the server's contract. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchQuery } from '../../contract/search.ts';
import { call } from './client.ts';

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
