/** HTTP for programmes. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { createProgramme, getProgramme, getProgrammeStats, listProgrammes, updateProgramme, type Programme } from './programmes.service.ts';

export const ProgrammeResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  healthThresholds: Nullable(Type.Object({}, { additionalProperties: true })),
  reminderConfig: Nullable(Type.Object({}, { additionalProperties: true })),
  completionPolicy: Type.String({ description: 'strict: 申请办结 needs a final report and 销号 short of it a reason; lenient: neither' }),
  supervisorIds: Type.Array(Type.String()),
  documentIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

export function presentProgramme(p: Programme) {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

export async function programmeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/programmes', {
    config: { permission: 'programme.read' },
    schema: { tags: ['programmes'], summary: 'Programmes the caller may see', response: { 200: Type.Object({ items: Type.Array(ProgrammeResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listProgrammes(ctx, req.actor!)).map(presentProgramme) }));

  app.post('/api/v1/programmes', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['programmes'],
      summary: 'Create a programme by hand (the creator supervises it unless supervisors are named)',
      body: Type.Object({
        title: Type.String({ minLength: 1, maxLength: 300 }),
        description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
        supervisorIds: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      }, { additionalProperties: false }),
      response: { 201: ProgrammeResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentProgramme(await createProgramme(ctx, req.actor!, req.body))));

  app.get('/api/v1/programmes/:id', {
    config: { permission: 'programme.read' },
    schema: {
      tags: ['programmes'],
      summary: 'One programme with task counts by state and health',
      params: IdParams,
      response: {
        200: Type.Intersect([ProgrammeResponse, Type.Object({ stats: Type.Object({ byState: Type.Record(Type.String(), Type.Integer()), byHealth: Type.Record(Type.String(), Type.Integer()) }) })]),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const p = await getProgramme(ctx, req.actor!, req.params.id);
    return { ...presentProgramme(p), stats: await getProgrammeStats(ctx, req.actor!, p.id) };
  });

  app.patch('/api/v1/programmes/:id', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['programmes'],
      summary: 'Change title, description, supervisors, health thresholds (also the grace period after 交办: graceDays, gracePct), reminder settings or the completion policy; archive',
      params: IdParams,
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
        description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('archived')])),
        healthThresholds: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
        reminderConfig: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
        completionPolicy: Type.Optional(Type.Union([Type.Literal('strict'), Type.Literal('lenient')])),
        supervisorIds: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      }, { additionalProperties: false }),
      response: { 200: ProgrammeResponse, ...errorResponses },
    },
  }, async (req) => presentProgramme(await updateProgramme(ctx, req.actor!, req.params.id, req.body)));
}
