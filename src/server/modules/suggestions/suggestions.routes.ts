/** HTTP for lead-unit suggestions. */
import { suggestionsEndpoints as ep } from '../../../contract/suggestions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { presentSuggestion } from './suggestions.presenter.ts';
import { suggestForTask } from './suggestions.service.ts';

export async function suggestionRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.forTask.path, {
    config: { permission: 'task.assign' },
    schema: routeSchema(ep.forTask, { tags: ['tasks'], summary: 'Units suggested to lead the task, best first, with the duty keywords and past tasks behind each' }),
  }, async (req) => ({ items: (await suggestForTask(ctx, req.actor!, req.params.id)).map(presentSuggestion) }));
}
