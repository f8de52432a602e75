/** HTTP for 传达学习: campaigns with their coverage and 催办, units' records with minutes and photos. */
import { relaysEndpoints as ep } from '../../../contract/relays.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFiles, sendStoredFile } from '../reports/index.ts';
import { findUnitById } from '../units/index.ts';
import { campaignFactsOf, createCampaign, getCampaign, listCampaigns, updateCampaign } from './relay-campaigns.ts';
import { addRecordEvidence, checkRecordUpload, createRecord, deleteRecordEvidence, getRecord, openRecordEvidence, returnRecord, updateRecord } from './relay-records.ts';
import { remindCampaign } from './relay-reminders.ts';
import { presentRelayCampaign, presentRelayCampaignDetail, presentRelayEvidence, presentRelayRecord } from './relays.presenter.ts';
import { recordIdsOfUnit } from './relays.repository.ts';

export async function relayRoutes(app: App, ctx: AppContext): Promise<void> {
  const recordAnswer = async (actor: Parameters<typeof getRecord>[1], id: string) => {
    const r = await getRecord(ctx, actor, id);
    return presentRelayRecord(actor, { ...r, unitName: (await findUnitById(ctx.db, r.record.unitId))?.name ?? r.record.unitId });
  };

  app.get(ep.list.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.list, { tags: ['relays'], summary: 'The 传达学习 campaigns the caller may see, newest first, with their coverage counts' }),
  }, async (req) => {
    const actor = req.actor!;
    const rows = await listCampaigns(ctx, actor, req.query);
    const facts = await campaignFactsOf(ctx, rows.map((r) => r.id), rows.map((r) => r.programmeId));
    const own = actor.kind === 'user' && actor.roles.includes('liaison') ? await recordIdsOfUnit(ctx.db, rows.map((r) => r.id), actor.unitId) : new Map<string, string>();
    const now = ctx.clock.now();
    return { items: rows.map((c) => presentRelayCampaign(actor, c, { supervisorIds: facts.supervisors.get(c.programmeId) ?? [], expectedUnitIds: facts.units.get(c.id) ?? [] }, own.get(c.id) ?? null, now)) };
  });

  app.post(ep.create.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.create, { tags: ['relays'], summary: 'Open a 传达学习 campaign for a document of a programme (deadline defaults to 15 days after the document’s date; units to the programme’s lead and co-units)' }),
  }, async (req, reply) => {
    const { campaign } = await createCampaign(ctx, req.actor!, req.body);
    return reply.status(201).send(presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, campaign.id), ctx.clock.now()));
  });

  app.get(ep.get.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.get, { tags: ['relays'], summary: 'A campaign with its coverage: every expected unit, who recorded and when, who has not' }),
  }, async (req) => presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, req.params.id), ctx.clock.now()));

  app.patch(ep.update.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.update, { tags: ['relays'], summary: 'Change the campaign’s deadline or its expected units' }),
  }, async (req) => {
    await updateCampaign(ctx, req.actor!, req.params.id, req.body);
    return presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, req.params.id), ctx.clock.now());
  });

  app.post(ep.remind.path, {
    config: { permission: 'notice.remind' },
    schema: routeSchema(ep.remind, { tags: ['relays'], summary: '催办: remind the units that have not recorded (or those listed), in-app, by e-mail and webhook' }),
  }, async (req, reply) => reply.status(201).send(await remindCampaign(ctx, req.actor!, req.params.id, req.body ?? {})));

  app.post(ep.createRecord.path, {
    config: { permission: 'relay.record' },
    schema: routeSchema(ep.createRecord, { tags: ['relays'], summary: 'Record how the caller’s unit relayed and studied the document' }),
  }, async (req, reply) => {
    const { record } = await createRecord(ctx, req.actor!, req.params.id, req.body);
    return reply.status(201).send(await recordAnswer(req.actor!, record.id));
  });

  app.get(ep.getRecord.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.getRecord, { tags: ['relays'], summary: 'One unit’s record with its minutes and photos' }),
  }, async (req) => recordAnswer(req.actor!, req.params.id));

  app.patch(ep.updateRecord.path, {
    config: { permission: 'relay.record' },
    schema: routeSchema(ep.updateRecord, { tags: ['relays'], summary: 'Amend the record; `resubmit: true` sends a returned record back' }),
  }, async (req) => {
    await updateRecord(ctx, req.actor!, req.params.id, req.body);
    return recordAnswer(req.actor!, req.params.id);
  });

  app.post(ep.returnRecord.path, {
    config: { permission: 'programme.manage' },
    schema: routeSchema(ep.returnRecord, { tags: ['relays'], summary: 'Return the record to its unit with a reason (too thin, no minutes)' }),
  }, async (req) => {
    await returnRecord(ctx, req.actor!, req.params.id, req.body);
    return recordAnswer(req.actor!, req.params.id);
  });

  app.post(ep.addEvidence.path, {
    config: { permission: 'relay.record' },
    schema: routeSchema(ep.addEvidence, {
      tags: ['relays'],
      summary: 'Attach minutes (`kind=minutes`, default) or photos (`kind=photo`, images only) — multipart fields `file`, types recognised from the content',
    }),
  }, async (req, reply) => {
    // Refuse before reading: bytes from someone who may not add evidence are never buffered.
    await checkRecordUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const added = await addRecordEvidence(ctx, req.actor!, req.params.id, req.query.kind ?? 'minutes', files);
    return reply.status(201).send({ items: added.map(presentRelayEvidence) });
  });

  app.get(ep.downloadEvidence.path, {
    config: { permission: 'document.read' },
    schema: routeSchema(ep.downloadEvidence, { tags: ['relays'], summary: 'Download a record’s file, byte for byte, as an attachment' }),
  }, async (req, reply) => sendStoredFile(ctx, reply, await openRecordEvidence(ctx, req.actor!, req.params.id)));

  app.delete(ep.deleteEvidence.path, {
    config: { permission: 'relay.record' },
    schema: routeSchema(ep.deleteEvidence, { tags: ['relays'], summary: 'Remove a file from the unit’s record' }),
  }, async (req, reply) => {
    await deleteRecordEvidence(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
