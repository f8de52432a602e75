/** HTTP for the audit log viewer. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, Nullable } from '../../platform/http/schemas.ts';
import { listAuditEvents, verifyAudit } from './audit.service.ts';

const AuditEventResponse = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  context: Type.Unknown(),
  hash: Type.String(),
});

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first; page with `before` = the last seq you received',
      querystring: Type.Object({
        objectType: Type.Optional(Type.String({ maxLength: 64 })),
        objectId: Type.Optional(Type.String({ maxLength: 64 })),
        actorId: Type.Optional(Type.String({ maxLength: 64 })),
        action: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
        before: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AuditEventResponse) }), ...errorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const from = q.from ? new Date(q.from).toISOString() : undefined;
    const to = q.to ? new Date(q.to).toISOString() : undefined;
    const items = await listAuditEvents(ctx, req.actor!, { ...q, from, to, limit: q.limit ?? 100 });
    return { items: items.map((e) => ({ ...e, at: e.at.toISOString() })) };
  });

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Verify the hash chain; reports the first broken link',
      response: {
        200: Type.Object({
          ok: Type.Boolean(),
          checked: Type.Integer(),
          brokenAt: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => verifyAudit(ctx, req.actor!));
}
