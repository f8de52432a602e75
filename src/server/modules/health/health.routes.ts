/** Liveness and readiness: answers without signing in, and checks that the database responds. */
import { healthEndpoints as ep, HealthUnavailableResponse } from '../../../contract/health.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { VERSION } from '../../version.ts';
import { pingDatabase } from './health.repository.ts';

export async function healthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.check.path, {
    config: { public: true },
    schema: routeSchema(ep.check, { tags: ['health'], summary: 'Health check', security: [], otherResponses: { 503: HealthUnavailableResponse } }),
  }, async (_req, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ok' as const, version: VERSION, database: ctx.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, version: VERSION, database: ctx.database.kind });
    }
  });
}
