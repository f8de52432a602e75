/** Liveness and readiness: answers without signing in, and checks that the database responds. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { VERSION } from '../../version.ts';
import { pingDatabase } from './health.repository.ts';

export async function healthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['health'],
      summary: 'Health check',
      security: [],
      response: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Type.String() }),
        503: Type.Object({ status: Type.Literal('unavailable'), version: Type.String(), database: Type.String() }),
      },
    },
  }, async (_req, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ok' as const, version: VERSION, database: ctx.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, version: VERSION, database: ctx.database.kind });
    }
  });
}
