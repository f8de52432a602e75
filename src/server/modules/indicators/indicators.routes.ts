/** HTTP for indicators (对标对表): list, create (by hand or from targets), edit, figures with evidence, peers. */
import type { FastifyRequest } from 'fastify';
import { indicatorsEndpoints as ep } from '../../../contract/indicators.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFiles, sendStoredFile } from '../reports/index.ts';
import { acceptActual, addActualEvidence, checkActualEvidenceUpload, evidenceOf, openActualEvidence, reportActual, returnActual } from './indicator-actuals.ts';
import { addPeer, deletePeer } from './indicator-peers.ts';
import { presentActual, presentDetail, presentEvidence, presentIndicator, presentPeer } from './indicators.presenter.ts';
import { createIndicator, createIndicatorsFromTargets, getIndicatorDetail, listIndicators, loadIndicator, updateIndicator } from './indicators.service.ts';

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

  app.get(ep.list.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.list, { tags: ['indicators'], summary: 'Indicators the caller may see, each judged against the time line (时序进度)' }),
  }, async (req) => {
    const { items, canCreate } = await listIndicators(ctx, req.actor!, req.query);
    return { items: items.map(presentIndicator), canCreate };
  });

  app.post(ep.create.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.create, { tags: ['indicators'], summary: 'Create an indicator by hand (a supervisor of the programme)' }),
  }, async (req, reply) => reply.status(201).send(await detail(req.actor!, (await createIndicator(ctx, req.actor!, req.body)).id)));

  app.post(ep.fromTargets.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.fromTargets, { tags: ['indicators'], summary: 'Create an indicator of every decomposed target of the programme’s tasks that has none yet' }),
  }, async (req) => {
    const { created, skipped } = await createIndicatorsFromTargets(ctx, req.actor!, req.body.programmeId, req.body.period);
    const items = [];
    for (const i of created) items.push(await oneIndicator(req.actor!, i.id));
    return { created: items, skipped };
  });

  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, { tags: ['indicators'], summary: 'One indicator: its time line per period, figures with evidence, peers' }),
  }, async (req) => detail(req.actor!, req.params.id));

  app.patch(ep.update.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.update, { tags: ['indicators'], summary: 'Edit an indicator’s plan or responsible unit' }),
  }, async (req) => {
    await updateIndicator(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post(ep.reportActual.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.reportActual, { tags: ['indicators'], summary: 'Report the figure for a period (a liaison of the responsible unit); a returned one is revised' }),
  }, async (req, reply) => {
    const a = await reportActual(ctx, req.actor!, req.params.id, req.body);
    return reply.status(201).send(await oneActual(req.actor!, a.id, a.indicatorId));
  });

  app.post(ep.acceptActual.path, {
    config: { permission: 'indicator.manage' },
    preValidation: bodyOptional,
    schema: routeSchema(ep.acceptActual, { tags: ['indicators'], summary: 'Accept a submitted figure; the task’s light is recomputed' }),
  }, async (req) => {
    const a = await acceptActual(ctx, req.actor!, req.params.id, req.body);
    return oneActual(req.actor!, a.id, a.indicatorId);
  });

  app.post(ep.returnActual.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.returnActual, { tags: ['indicators'], summary: 'Return a submitted figure to its unit with a reason' }),
  }, async (req) => {
    const a = await returnActual(ctx, req.actor!, req.params.id, req.body);
    return oneActual(req.actor!, a.id, a.indicatorId);
  });

  app.post(ep.addEvidence.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.addEvidence, { tags: ['indicators'], summary: 'Attach evidence to a figure not yet accepted (multipart, fields `file`)' }),
  }, async (req, reply) => {
    // A request that is not multipart is refused before the permission check, as it always was here.
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the files as multipart/form-data in fields named "file"');
    await checkActualEvidenceUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const added = await addActualEvidence(ctx, req.actor!, req.params.id, files);
    return reply.status(201).send({ items: added.map(presentEvidence) });
  });

  app.get(ep.downloadEvidence.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.downloadEvidence, { tags: ['indicators'], summary: 'Download a figure’s evidence file as an attachment' }),
  }, async (req, reply) => sendStoredFile(ctx, reply, await openActualEvidence(ctx, req.actor!, req.params.id)));

  app.post(ep.addPeer.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.addPeer, { tags: ['indicators'], summary: 'Add another city’s figure (对标) with its source' }),
  }, async (req, reply) => reply.status(201).send(presentPeer(await addPeer(ctx, req.actor!, req.params.id, req.body))));

  app.delete(ep.deletePeer.path, {
    config: { permission: 'indicator.manage' },
    schema: routeSchema(ep.deletePeer, { tags: ['indicators'], summary: 'Remove a peer’s figure' }),
  }, async (req, reply) => {
    await deletePeer(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
