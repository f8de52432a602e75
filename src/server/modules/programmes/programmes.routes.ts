/** HTTP for programmes. */
import { programmesEndpoints as ep, type ProgrammeResponse } from '../../../contract/programmes.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { programmeAbilities } from './programmes.policy.ts';
import { createProgramme, getProgramme, getProgrammeStats, listProgrammes, updateProgramme, type Programme } from './programmes.service.ts';

export function presentProgramme(p: Programme, actor: Actor): ProgrammeResponse {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(), abilities: programmeAbilities(actor, p) };
}

export async function programmeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.list.path, {
    config: { permission: 'programme.read' },
    schema: routeSchema(ep.list, { tags: ['programmes'], summary: 'Programmes the caller may see' }),
  }, async (req) => ({ items: (await listProgrammes(ctx, req.actor!)).map((p) => presentProgramme(p, req.actor!)) }));

  app.post(ep.create.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.create, { tags: ['programmes'], summary: 'Create a programme by hand (the creator supervises it unless supervisors are named)' }),
  }, async (req, reply) => reply.status(201).send(presentProgramme(await createProgramme(ctx, req.actor!, req.body), req.actor!)));

  app.get(ep.get.path, {
    config: { permission: 'programme.read' },
    schema: routeSchema(ep.get, { tags: ['programmes'], summary: 'One programme with task counts by state and health' }),
  }, async (req) => {
    const p = await getProgramme(ctx, req.actor!, req.params.id);
    return { ...presentProgramme(p, req.actor!), stats: await getProgrammeStats(ctx, req.actor!, p.id) };
  });

  app.patch(ep.update.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.update, {
      tags: ['programmes'],
      summary: 'Change title, description, supervisors, health thresholds (also the grace period after 交办: graceDays, gracePct), reminder settings or the completion policy; archive',
    }),
  }, async (req) => presentProgramme(await updateProgramme(ctx, req.actor!, req.params.id, req.body), req.actor!));
}
