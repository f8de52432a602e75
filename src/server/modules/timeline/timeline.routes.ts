/** HTTP for a task's timeline. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { getTimeline } from './timeline.service.ts';

const TimelineResponse = Type.Object({
  items: Type.Array(Type.Object({
    at: Type.String(),
    kind: Type.String(),
    action: Type.String(),
    actorId: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
    fromState: Nullable(Type.String()),
    toState: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    data: Type.Unknown(),
  })),
});

export async function timelineRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/tasks/:id/timeline', {
    config: { permission: 'task.read' },
    schema: { tags: ['tasks'], summary: 'The task’s timeline: transitions, reports and reviews the caller may read, instructions, notices', params: IdParams, response: { 200: TimelineResponse, ...errorResponses } },
  }, async (req) => ({ items: (await getTimeline(ctx, req.actor!, req.params.id)).map((e) => ({ ...e, at: e.at.toISOString() })) }));
}
