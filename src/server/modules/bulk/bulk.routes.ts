/** HTTP for bulk actions on tasks. */
import { BulkRefusedBody, bulkEndpoints as ep } from '../../../contract/bulk.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { BulkRefused, runBulkAction } from './bulk.service.ts';

const schema = routeSchema(ep.run, {
  tags: ['tasks'],
  summary: 'Assign (交办), set the deadline of, or remind (催办) many tasks — all or nothing: if any row is refused nothing changes (422) and every row says why',
});

export async function bulkRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(ep.run.path, {
    // Assigning and setting deadlines need task.assign, reminding notice.remind (checked by the service).
    config: { permission: 'task.read' },
    schema: { ...schema, response: { ...schema.response, 422: BulkRefusedBody } },
  }, async (req, reply) => {
    try {
      return { results: await runBulkAction(ctx, req.actor!, req.body) };
    } catch (err) {
      if (!(err instanceof BulkRefused)) throw err;
      return reply.status(422).send({ error: { code: 'bulk_refused', message: err.message }, results: err.results });
    }
  });
}
