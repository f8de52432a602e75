/** HTTP for full-text search. */
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { SearchQuery, SearchResponse } from '../../../contract/search.ts';
import { presentSearch } from './search.presenter.ts';
import { search } from './search.service.ts';

export async function searchRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/search', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['search'],
      summary: 'Full-text search over documents (by paragraph), tasks, reports, inspection findings and relay records the caller may see, in either script',
      querystring: SearchQuery,
      response: { 200: SearchResponse, ...errorResponses },
    },
  }, async (req) => presentSearch(await search(ctx, req.actor!, req.query)));
}
