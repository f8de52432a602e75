/** HTTP for full-text search. */
import { searchEndpoints as ep } from '../../../contract/search.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentSearch } from './search.presenter.ts';
import { search } from './search.service.ts';

export async function searchRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.search.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.search, {
      tags: ['search'],
      summary: 'Full-text search over documents (by paragraph), tasks, reports, inspection findings and relay records the caller may see, in either script',
    }),
  }, async (req) => presentSearch(await search(ctx, req.actor!, req.query)));
}
