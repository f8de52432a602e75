/** HTTP for moderating public leads (the programme's supervisors): the queue, accept, merge, reject, 转为整改任务. */
import { leadsEndpoints as ep } from '../../../contract/leads.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentLead } from './leads.presenter.ts';
import { acceptLead, findingFromLead, getLead, listLeads, mergeLead, openLeadPhoto, rectifyLead, rejectLead } from './leads.service.ts';

export async function leadRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.list.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.list, { tags: ['leads'], summary: 'Public leads (群众线索) of the programmes the caller supervises, newest first; with contact details' }),
  }, async (req) => ({ items: (await listLeads(ctx, req.actor!, req.query)).map(presentLead) }));

  app.get(ep.get.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.get, { tags: ['leads'], summary: 'One lead' }),
  }, async (req) => presentLead(await getLead(ctx, req.actor!, req.params.id)));

  app.get(ep.photo.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.photo, { tags: ['leads'], summary: 'The lead’s photo (re-encoded JPEG without metadata)' }),
  }, async (req, reply) => {
    const photo = await openLeadPhoto(ctx, req.actor!, req.params.id);
    return reply.header('Content-Type', 'image/jpeg').header('Content-Disposition', 'inline; filename="lead.jpg"').send(ctx.blobs.stream(photo.sha256));
  });

  app.post(ep.accept.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.accept, { tags: ['leads'], summary: 'Accept a pending lead (受理)' }),
  }, async (req) => presentLead(await acceptLead(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.reject.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.reject, {
      tags: ['leads'],
      summary: 'Reject a pending lead with a reason category: duplicate 重复, irrelevant 无关, unverifiable 无法核实, uncivil 不文明, other 其他 (needs a note)',
    }),
  }, async (req) => presentLead(await rejectLead(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.merge.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.merge, { tags: ['leads'], summary: 'Merge a pending lead into another lead of the same programme (a duplicate)' }),
  }, async (req) => presentLead(await mergeLead(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.rectification.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.rectification, {
      tags: ['leads'],
      summary: '转为整改任务: turn an accepted lead into a task of the programme, assigned at once (lead unit defaults to the task’s)',
    }),
  }, async (req) => presentLead(await rectifyLead(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.finding.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.finding, {
      tags: ['leads'],
      summary: '转为督查问题: record an accepted lead as a finding of a running inspection of the programme and turn it into its assigned rectification task',
    }),
  }, async (req) => presentLead(await findingFromLead(ctx, req.actor!, req.params.id, req.body)));
}
