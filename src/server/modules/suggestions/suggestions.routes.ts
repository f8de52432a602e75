/** HTTP for lead-unit suggestions. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { presentSuggestion, SuggestionResponse } from './suggestions.presenter.ts';
import { suggestForTask } from './suggestions.service.ts';

export async function suggestionRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/tasks/:id/suggestions', {
    config: { permission: 'task.assign' },
    schema: {
      tags: ['tasks'],
      summary: 'Units suggested to lead the task, best first, with the duty keywords and past tasks behind each',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(SuggestionResponse) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await suggestForTask(ctx, req.actor!, req.params.id)).map(presentSuggestion) }));
}
