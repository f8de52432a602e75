/** HTTP for the audit log viewer. */
import { auditEndpoints as ep } from '../../../contract/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { listAuditEvents, verifyAudit } from './audit.service.ts';

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.list.path, {
    config: { permission: 'audit.read' },
    schema: routeSchema(ep.list, { tags: ['audit'], summary: 'Audit events, newest first; page with `before` = the last seq you received' }),
  }, async (req) => {
    const q = req.query;
    const from = q.from ? new Date(q.from).toISOString() : undefined;
    const to = q.to ? new Date(q.to).toISOString() : undefined;
    const items = await listAuditEvents(ctx, req.actor!, { ...q, from, to, limit: q.limit ?? 100 });
    return { items: items.map((e) => ({ ...e, at: e.at.toISOString() })) };
  });

  app.get(ep.verify.path, {
    config: { permission: 'audit.read' },
    schema: routeSchema(ep.verify, { tags: ['audit'], summary: 'Verify the hash chain; reports the first broken link' }),
  }, async (req) => verifyAudit(ctx, req.actor!));
}
