/** HTTP for programmes. */
import { CreateProgrammeBody, ProgrammeListResponse, ProgrammeResponse, ProgrammeWithStatsResponse, UpdateProgrammeBody } from '../../../contract/programmes.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { programmeAbilities } from './programmes.policy.ts';
import { createProgramme, getProgramme, getProgrammeStats, listProgrammes, updateProgramme, type Programme } from './programmes.service.ts';

export function presentProgramme(p: Programme, actor: Actor): ProgrammeResponse {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(), abilities: programmeAbilities(actor, p) };
}

export async function programmeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/programmes', {
    config: { permission: 'programme.read' },
    schema: { tags: ['programmes'], summary: 'Programmes the caller may see', response: { 200: ProgrammeListResponse, ...errorResponses } },
  }, async (req) => ({ items: (await listProgrammes(ctx, req.actor!)).map((p) => presentProgramme(p, req.actor!)) }));

  app.post('/api/v1/programmes', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['programmes'],
      summary: 'Create a programme by hand (the creator supervises it unless supervisors are named)',
      body: CreateProgrammeBody,
      response: { 201: ProgrammeResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentProgramme(await createProgramme(ctx, req.actor!, req.body), req.actor!)));

  app.get('/api/v1/programmes/:id', {
    config: { permission: 'programme.read' },
    schema: {
      tags: ['programmes'],
      summary: 'One programme with task counts by state and health',
      params: IdParams,
      response: {
        200: ProgrammeWithStatsResponse,
        ...errorResponses,
      },
    },
  }, async (req) => {
    const p = await getProgramme(ctx, req.actor!, req.params.id);
    return { ...presentProgramme(p, req.actor!), stats: await getProgrammeStats(ctx, req.actor!, p.id) };
  });

  app.patch('/api/v1/programmes/:id', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['programmes'],
      summary: 'Change title, description, supervisors, health thresholds (also the grace period after 交办: graceDays, gracePct), reminder settings or the completion policy; archive',
      params: IdParams,
      body: UpdateProgrammeBody,
      response: { 200: ProgrammeResponse, ...errorResponses },
    },
  }, async (req) => presentProgramme(await updateProgramme(ctx, req.actor!, req.params.id, req.body), req.actor!));
}
