/** HTTP for 传达学习: campaigns with their coverage and 催办, units' records with minutes and photos. */
import { Type } from 'typebox';
import {
  CreateRelayCampaignBody, CreateRelayRecordBody, RelayCampaignDetailResponse, RelayCampaignResponse, RelayEvidenceQuery, RelayEvidenceResponse,
  RelayRecordResponse, RelayRemindResponse, RemindRelayBody, ReturnRelayRecordBody, UpdateRelayCampaignBody, UpdateRelayRecordBody,
} from '../../../contract/relays.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFiles, sendStoredFile, uploadErrorResponses } from '../reports/index.ts';
import { campaignFactsOf, createCampaign, getCampaign, listCampaigns, updateCampaign } from './relay-campaigns.ts';
import { addRecordEvidence, checkRecordUpload, createRecord, deleteRecordEvidence, getRecord, openRecordEvidence, returnRecord, updateRecord } from './relay-records.ts';
import { remindCampaign } from './relay-reminders.ts';
import { presentRelayCampaign, presentRelayCampaignDetail, presentRelayEvidence, presentRelayRecord } from './relays.presenter.ts';
import { recordIdsOfUnit, unitName } from './relays.repository.ts';

const ListQuery = Type.Object({ documentId: Type.Optional(Type.String({ maxLength: 64 })), programmeId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });

export async function relayRoutes(app: App, ctx: AppContext): Promise<void> {
  const recordAnswer = async (actor: Parameters<typeof getRecord>[1], id: string) => {
    const r = await getRecord(ctx, actor, id);
    return presentRelayRecord(actor, { ...r, unitName: await unitName(ctx.db, r.record.unitId) });
  };

  app.get('/api/v1/relays', {
    config: { permission: 'document.read' },
    schema: { tags: ['relays'], summary: 'The 传达学习 campaigns the caller may see, newest first, with their coverage counts', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(RelayCampaignResponse) }), ...errorResponses } },
  }, async (req) => {
    const actor = req.actor!;
    const rows = await listCampaigns(ctx, actor, req.query);
    const facts = await campaignFactsOf(ctx, rows.map((r) => r.id), rows.map((r) => r.programmeId));
    const own = actor.kind === 'user' && actor.roles.includes('liaison') ? await recordIdsOfUnit(ctx.db, rows.map((r) => r.id), actor.unitId) : new Map<string, string>();
    const now = ctx.clock.now();
    return { items: rows.map((c) => presentRelayCampaign(actor, c, { supervisorIds: facts.supervisors.get(c.programmeId) ?? [], expectedUnitIds: facts.units.get(c.id) ?? [] }, own.get(c.id) ?? null, now)) };
  });

  app.post('/api/v1/relays', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['relays'], summary: 'Open a 传达学习 campaign for a document of a programme (deadline defaults to 15 days after the document’s date; units to the programme’s lead and co-units)', body: CreateRelayCampaignBody, response: { 201: RelayCampaignDetailResponse, ...errorResponses } },
  }, async (req, reply) => {
    const { campaign } = await createCampaign(ctx, req.actor!, req.body);
    return reply.status(201).send(presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, campaign.id), ctx.clock.now()));
  });

  app.get('/api/v1/relays/:id', {
    config: { permission: 'document.read' },
    schema: { tags: ['relays'], summary: 'A campaign with its coverage: every expected unit, who recorded and when, who has not', params: IdParams, response: { 200: RelayCampaignDetailResponse, ...errorResponses } },
  }, async (req) => presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, req.params.id), ctx.clock.now()));

  app.patch('/api/v1/relays/:id', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['relays'], summary: 'Change the campaign’s deadline or its expected units', params: IdParams, body: UpdateRelayCampaignBody, response: { 200: RelayCampaignDetailResponse, ...errorResponses } },
  }, async (req) => {
    await updateCampaign(ctx, req.actor!, req.params.id, req.body);
    return presentRelayCampaignDetail(req.actor!, await getCampaign(ctx, req.actor!, req.params.id), ctx.clock.now());
  });

  app.post('/api/v1/relays/:id/reminders', {
    config: { permission: 'notice.remind' },
    schema: { tags: ['relays'], summary: '催办: remind the units that have not recorded (or those listed), in-app, by e-mail and webhook', params: IdParams, body: RemindRelayBody, response: { 201: RelayRemindResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await remindCampaign(ctx, req.actor!, req.params.id, req.body ?? {})));

  app.post('/api/v1/relays/:id/records', {
    config: { permission: 'relay.record' },
    schema: { tags: ['relays'], summary: 'Record how the caller’s unit relayed and studied the document', params: IdParams, body: CreateRelayRecordBody, response: { 201: RelayRecordResponse, ...errorResponses } },
  }, async (req, reply) => {
    const { record } = await createRecord(ctx, req.actor!, req.params.id, req.body);
    return reply.status(201).send(await recordAnswer(req.actor!, record.id));
  });

  app.get('/api/v1/relays/records/:id', {
    config: { permission: 'document.read' },
    schema: { tags: ['relays'], summary: 'One unit’s record with its minutes and photos', params: IdParams, response: { 200: RelayRecordResponse, ...errorResponses } },
  }, async (req) => recordAnswer(req.actor!, req.params.id));

  app.patch('/api/v1/relays/records/:id', {
    config: { permission: 'relay.record' },
    schema: { tags: ['relays'], summary: 'Amend the record; `resubmit: true` sends a returned record back', params: IdParams, body: UpdateRelayRecordBody, response: { 200: RelayRecordResponse, ...errorResponses } },
  }, async (req) => {
    await updateRecord(ctx, req.actor!, req.params.id, req.body);
    return recordAnswer(req.actor!, req.params.id);
  });

  app.post('/api/v1/relays/records/:id/return', {
    config: { permission: 'programme.manage' },
    schema: { tags: ['relays'], summary: 'Return the record to its unit with a reason (too thin, no minutes)', params: IdParams, body: ReturnRelayRecordBody, response: { 200: RelayRecordResponse, ...errorResponses } },
  }, async (req) => {
    await returnRecord(ctx, req.actor!, req.params.id, req.body);
    return recordAnswer(req.actor!, req.params.id);
  });

  app.post('/api/v1/relays/records/:id/evidence', {
    config: { permission: 'relay.record' },
    schema: {
      tags: ['relays'],
      summary: 'Attach minutes (`kind=minutes`, default) or photos (`kind=photo`, images only) — multipart fields `file`, types recognised from the content',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: RelayEvidenceQuery,
      response: { 201: Type.Object({ items: Type.Array(RelayEvidenceResponse) }), ...uploadErrorResponses },
    },
  }, async (req, reply) => {
    // Refuse before reading: bytes from someone who may not add evidence are never buffered.
    await checkRecordUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const added = await addRecordEvidence(ctx, req.actor!, req.params.id, req.query.kind ?? 'minutes', files);
    return reply.status(201).send({ items: added.map(presentRelayEvidence) });
  });

  app.get('/api/v1/relays/evidence/:id/download', {
    config: { permission: 'document.read' },
    schema: { tags: ['relays'], summary: 'Download a record’s file, byte for byte, as an attachment', params: IdParams },
  }, async (req, reply) => sendStoredFile(ctx, reply, await openRecordEvidence(ctx, req.actor!, req.params.id)));

  app.delete('/api/v1/relays/evidence/:id', {
    config: { permission: 'relay.record' },
    schema: { tags: ['relays'], summary: 'Remove a file from the unit’s record', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteRecordEvidence(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
