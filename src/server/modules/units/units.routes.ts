/** HTTP for the organisation tree. */
import { Type } from 'typebox';
import { CreateUnitBody, UnitListResponse, UnitResponse, UpdateUnitBody } from '../../../contract/units.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { presentUnit } from './units.presenter.ts';
import { createUnit, deleteUnit, listUnits, updateUnit } from './units.service.ts';

export async function unitRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/units', {
    config: { permission: 'unit.read' },
    schema: { tags: ['units'], summary: 'List all units (flat; build the tree from parentId)', response: { 200: UnitListResponse, ...errorResponses } },
  }, async (req) => ({ items: (await listUnits(ctx, req.actor!)).map(presentUnit) }));

  app.post('/api/v1/units', {
    config: { permission: 'unit.manage' },
    schema: {
      tags: ['units'],
      summary: 'Create a unit',
      body: CreateUnitBody,
      response: { 201: UnitResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentUnit(await createUnit(ctx, req.actor!, req.body))));

  app.patch('/api/v1/units/:id', {
    config: { permission: 'unit.manage' },
    schema: {
      tags: ['units'],
      summary: 'Rename, move, set the head of, write the duties (职责) of, deactivate or reactivate a unit',
      params: IdParams,
      body: UpdateUnitBody,
      response: { 200: UnitResponse, ...errorResponses },
    },
  }, async (req) => presentUnit(await updateUnit(ctx, req.actor!, req.params.id, req.body)));

  app.delete('/api/v1/units/:id', {
    config: { permission: 'unit.manage' },
    schema: { tags: ['units'], summary: 'Delete a unit that owns nothing (otherwise 409: deactivate it)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteUnit(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
