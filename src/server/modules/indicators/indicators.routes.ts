/** HTTP for indicators (对标对表): list, create (by hand or from targets), edit, figures with evidence, peers. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AcceptActualBody,
  ActualResponse,
  AddPeerBody,
  CreateIndicatorBody,
  FromTargetsBody,
  FromTargetsResponse,
  IndicatorDetailResponse,
  IndicatorEvidenceResponse,
  IndicatorListQuery,
  IndicatorListResponse,
  PeerResponse,
  ReportActualBody,
  ReturnActualBody,
  UpdateIndicatorBody,
} from '../../../contract/indicators.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, ErrorBody, IdParams } from '../../platform/http/schemas.ts';
import { attachmentDisposition, type UploadedFile } from '../reports/index.ts';
import { acceptActual, addActualEvidence, checkActualEvidenceUpload, evidenceOf, openActualEvidence, reportActual, returnActual } from './indicator-actuals.ts';
import { addPeer, deletePeer } from './indicator-peers.ts';
import { presentActual, presentDetail, presentEvidence, presentIndicator, presentPeer } from './indicators.presenter.ts';
import { createIndicator, createIndicatorsFromTargets, getIndicatorDetail, listIndicators, loadIndicator, updateIndicator } from './indicators.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';

const uploadErrors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody };
const bodyOptional = async (req: FastifyRequest) => {
  req.body ??= {};
};

export async function indicatorRoutes(app: App, ctx: AppContext): Promise<void> {
  const detail = async (actor: Actor, id: string) => {
    const d = await getIndicatorDetail(ctx, actor, id);
    return presentDetail(d, await evidenceOf(ctx.db, d.actuals.map((a) => a.id)), actor);
  };
  const oneIndicator = async (actor: Actor, id: string) => (await detail(actor, id)).indicator;
  const oneActual = async (actor: Actor, actualId: string, indicatorId: string) => {
    const access = await loadIndicator(ctx.db, actor, indicatorId);
    const d = await getIndicatorDetail(ctx, actor, indicatorId);
    const a = d.actuals.find((x) => x.id === actualId)!;
    return presentActual(a, (await evidenceOf(ctx.db, [a.id])).get(a.id) ?? [], actor, access.caps);
  };

  app.get('/api/v1/indicators', {
    config: { permission: 'task.read' },
    schema: { tags: ['indicators'], summary: 'Indicators the caller may see, each judged against the time line (时序进度)', querystring: IndicatorListQuery, response: { 200: IndicatorListResponse, ...errorResponses } },
  }, async (req) => {
    const { items, canCreate } = await listIndicators(ctx, req.actor!, req.query);
    return { items: items.map(presentIndicator), canCreate };
  });

  app.post('/api/v1/indicators', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Create an indicator by hand (a supervisor of the programme)', body: CreateIndicatorBody, response: { 201: IndicatorDetailResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await detail(req.actor!, (await createIndicator(ctx, req.actor!, req.body)).id)));

  app.post('/api/v1/indicators/from-targets', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Create an indicator of every decomposed target of the programme’s tasks that has none yet', body: FromTargetsBody, response: { 200: FromTargetsResponse, ...errorResponses } },
  }, async (req) => {
    const { created, skipped } = await createIndicatorsFromTargets(ctx, req.actor!, req.body.programmeId, req.body.period);
    const items = [];
    for (const i of created) items.push(await oneIndicator(req.actor!, i.id));
    return { created: items, skipped };
  });

  app.get('/api/v1/indicators/:id', {
    config: { permission: 'task.read' },
    schema: { tags: ['indicators'], summary: 'One indicator: its time line per period, figures with evidence, peers', params: IdParams, response: { 200: IndicatorDetailResponse, ...errorResponses } },
  }, async (req) => detail(req.actor!, req.params.id));

  app.patch('/api/v1/indicators/:id', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Edit an indicator’s plan or responsible unit', params: IdParams, body: UpdateIndicatorBody, response: { 200: IndicatorDetailResponse, ...errorResponses } },
  }, async (req) => {
    await updateIndicator(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post('/api/v1/indicators/:id/actuals', {
    config: { permission: 'report.submit' },
    schema: { tags: ['indicators'], summary: 'Report the figure for a period (a liaison of the responsible unit); a returned one is revised', params: IdParams, body: ReportActualBody, response: { 201: ActualResponse, ...errorResponses } },
  }, async (req, reply) => {
    const a = await reportActual(ctx, req.actor!, req.params.id, req.body);
    return reply.status(201).send(await oneActual(req.actor!, a.id, a.indicatorId));
  });

  app.post('/api/v1/indicator-actuals/:id/accept', {
    config: { permission: 'indicator.manage' },
    preValidation: bodyOptional,
    schema: { tags: ['indicators'], summary: 'Accept a submitted figure; the task’s light is recomputed', params: IdParams, body: AcceptActualBody, response: { 200: ActualResponse, ...errorResponses } },
  }, async (req) => {
    const a = await acceptActual(ctx, req.actor!, req.params.id, req.body);
    return oneActual(req.actor!, a.id, a.indicatorId);
  });

  app.post('/api/v1/indicator-actuals/:id/return', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Return a submitted figure to its unit with a reason', params: IdParams, body: ReturnActualBody, response: { 200: ActualResponse, ...errorResponses } },
  }, async (req) => {
    const a = await returnActual(ctx, req.actor!, req.params.id, req.body);
    return oneActual(req.actor!, a.id, a.indicatorId);
  });

  app.post('/api/v1/indicator-actuals/:id/evidence', {
    config: { permission: 'report.submit' },
    schema: { tags: ['indicators'], summary: 'Attach evidence to a figure not yet accepted (multipart, fields `file`)', consumes: ['multipart/form-data'], params: IdParams, response: { 201: Type.Object({ items: Type.Array(IndicatorEvidenceResponse) }), ...uploadErrors } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the files as multipart/form-data in fields named "file"');
    await checkActualEvidenceUpload(ctx, req.actor!, req.params.id);
    const files: UploadedFile[] = [];
    const unexpected: string[] = [];
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        unexpected.push(part.fieldname);
        part.file.resume();
        continue;
      }
      files.push({ filename: part.filename || null, bytes: await part.toBuffer() });
    }
    if (unexpected.length) throw badRequest('unexpected_field', `Files go in fields named "file", not "${unexpected[0]}"`);
    const added = await addActualEvidence(ctx, req.actor!, req.params.id, files);
    return reply.status(201).send({ items: added.map(presentEvidence) });
  });

  app.get('/api/v1/indicator-evidence/:id/download', {
    config: { permission: 'task.read' },
    schema: { tags: ['indicators'], summary: 'Download a figure’s evidence file as an attachment', params: IdParams },
  }, async (req, reply) => {
    const e = await openActualEvidence(ctx, req.actor!, req.params.id);
    return reply
      .header('Content-Type', e.mediaType)
      .header('Content-Length', String(e.byteSize))
      .header('Content-Disposition', attachmentDisposition(e.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .send(ctx.blobs.stream(e.sha256));
  });

  app.post('/api/v1/indicators/:id/peers', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Add another city’s figure (对标) with its source', params: IdParams, body: AddPeerBody, response: { 201: PeerResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentPeer(await addPeer(ctx, req.actor!, req.params.id, req.body))));

  app.delete('/api/v1/indicator-peers/:id', {
    config: { permission: 'indicator.manage' },
    schema: { tags: ['indicators'], summary: 'Remove a peer’s figure', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deletePeer(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
