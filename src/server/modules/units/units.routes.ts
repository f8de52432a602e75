/** HTTP for the organisation tree. */
import { unitsEndpoints as ep } from '../../../contract/units.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentUnit } from './units.presenter.ts';
import { createUnit, deleteUnit, listUnits, updateUnit } from './units.service.ts';

export async function unitRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.list.path, {
    config: { permission: 'unit.read' },
    schema: routeSchema(ep.list, { tags: ['units'], summary: 'List all units (flat; build the tree from parentId)' }),
  }, async (req) => ({ items: (await listUnits(ctx, req.actor!)).map(presentUnit) }));

  app.post(ep.create.path, {
    config: { permission: 'unit.manage' },
    schema: routeSchema(ep.create, { tags: ['units'], summary: 'Create a unit' }),
  }, async (req, reply) => reply.status(201).send(presentUnit(await createUnit(ctx, req.actor!, req.body))));

  app.patch(ep.update.path, {
    config: { permission: 'unit.manage' },
    schema: routeSchema(ep.update, { tags: ['units'], summary: 'Rename, move, set the head of, write the duties (职责) of, deactivate or reactivate a unit' }),
  }, async (req) => presentUnit(await updateUnit(ctx, req.actor!, req.params.id, req.body)));

  app.delete(ep.delete.path, {
    config: { permission: 'unit.manage' },
    schema: routeSchema(ep.delete, { tags: ['units'], summary: 'Delete a unit that owns nothing (otherwise 409: deactivate it)' }),
  }, async (req, reply) => {
    await deleteUnit(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
