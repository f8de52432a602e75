/** HTTP for a task's timeline. */
import { timelineEndpoints as ep } from '../../../contract/timeline.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { getTimeline } from './timeline.service.ts';

export async function timelineRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, { tags: ['tasks'], summary: 'The task’s timeline: transitions, reports and reviews the caller may read, instructions, notices' }),
  }, async (req) => ({ items: (await getTimeline(ctx, req.actor!, req.params.id)).map((e) => ({ ...e, at: e.at.toISOString() })) }));
}
