/** HTTP for moderating public leads (the programme's supervisors): the queue, accept, merge, reject, 转为整改任务. */
import { Type } from 'typebox';
import { LeadListResponse, LeadResponse, LeadState, RejectReason } from '../../../contract/publication.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { presentLead } from './leads.presenter.ts';
import { acceptLead, findingFromLead, getLead, listLeads, mergeLead, openLeadPhoto, rectifyLead, rejectLead } from './leads.service.ts';

const Version = Type.Integer({ minimum: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export async function leadRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/leads', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['leads'],
      summary: 'Public leads (群众线索) of the programmes the caller supervises, newest first; with contact details',
      querystring: Type.Object({
        state: Type.Optional(LeadState),
        programmeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: LeadListResponse, ...errorResponses },
    },
  }, async (req) => ({ items: (await listLeads(ctx, req.actor!, req.query)).map(presentLead) }));

  app.get('/api/v1/leads/:id', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['leads'], summary: 'One lead', params: IdParams, response: { 200: LeadResponse, ...errorResponses } },
  }, async (req) => presentLead(await getLead(ctx, req.actor!, req.params.id)));

  app.get('/api/v1/leads/:id/photo', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['leads'], summary: 'The lead’s photo (re-encoded JPEG without metadata)', params: IdParams },
  }, async (req, reply) => {
    const photo = await openLeadPhoto(ctx, req.actor!, req.params.id);
    return reply.header('Content-Type', 'image/jpeg').header('Content-Disposition', 'inline; filename="lead.jpg"').send(ctx.blobs.stream(photo.sha256));
  });

  app.post('/api/v1/leads/:id/accept', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['leads'], summary: 'Accept a pending lead (受理)', params: IdParams, body: Type.Object({ version: Version }, { additionalProperties: false }), response: { 200: LeadResponse, ...errorResponses } },
  }, async (req) => presentLead(await acceptLead(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/leads/:id/reject', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['leads'],
      summary: 'Reject a pending lead with a reason category: duplicate 重复, irrelevant 无关, unverifiable 无法核实, uncivil 不文明, other 其他 (needs a note)',
      params: IdParams,
      body: Type.Object({ version: Version, reason: RejectReason, note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 1000 })])) }, { additionalProperties: false }),
      response: { 200: LeadResponse, ...errorResponses },
    },
  }, async (req) => presentLead(await rejectLead(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/leads/:id/merge', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['leads'],
      summary: 'Merge a pending lead into another lead of the same programme (a duplicate)',
      params: IdParams,
      body: Type.Object({ version: Version, intoId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: LeadResponse, ...errorResponses },
    },
  }, async (req) => presentLead(await mergeLead(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/leads/:id/rectification', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['leads'],
      summary: '转为整改任务: turn an accepted lead into a task of the programme, assigned at once (lead unit defaults to the task’s)',
      params: IdParams,
      body: Type.Object({ version: Version, title: Type.String({ minLength: 1, maxLength: 300 }), dueDate: IsoDate, leadUnitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
      response: { 200: LeadResponse, ...errorResponses },
    },
  }, async (req) => presentLead(await rectifyLead(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/leads/:id/finding', {
    config: { permission: 'programme.manage' },
    schema: {
      tags: ['leads'],
      summary: '转为督查问题: record an accepted lead as a finding of a running inspection of the programme and turn it into its assigned rectification task',
      params: IdParams,
      body: Type.Object({
        version: Version,
        inspectionId: Type.String({ minLength: 1, maxLength: 64 }),
        title: Type.String({ minLength: 1, maxLength: 300 }),
        severity: Type.Union([Type.Literal('general'), Type.Literal('serious'), Type.Literal('grave')]),
        dueDate: IsoDate,
        unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: LeadResponse, ...errorResponses },
    },
  }, async (req) => presentLead(await findingFromLead(ctx, req.actor!, req.params.id, req.body)));
}
