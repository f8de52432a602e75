/** HTTP for bulk actions on tasks. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, Nullable } from '../../platform/http/schemas.ts';
import { BulkRefused, runBulkAction } from './bulk.service.ts';

const RowResult = Type.Object({ taskId: Type.String(), ok: Type.Boolean(), code: Nullable(Type.String()), message: Nullable(Type.String()) });

export async function bulkRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/tasks/bulk', {
    // Assigning and setting deadlines need task.assign, reminding notice.remind (checked by the service).
    config: { permission: 'task.read' },
    schema: {
      tags: ['tasks'],
      summary: 'Assign (交办), set the deadline of, or remind (催办) many tasks — all or nothing: if any row is refused nothing changes (422) and every row says why',
      body: Type.Object({
        action: Type.Union([Type.Literal('assign'), Type.Literal('setDueDate'), Type.Literal('remind')]),
        taskIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 }),
        leadUnitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        message: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ results: Type.Array(RowResult) }),
        ...errorResponses,
        422: Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }), results: Type.Array(RowResult) }),
      },
    },
  }, async (req, reply) => {
    try {
      return { results: await runBulkAction(ctx, req.actor!, req.body) };
    } catch (err) {
      if (!(err instanceof BulkRefused)) throw err;
      return reply.status(422).send({ error: { code: 'bulk_refused', message: err.message }, results: err.results });
    }
  });
}
