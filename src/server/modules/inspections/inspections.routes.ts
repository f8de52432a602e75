/** HTTP for 调查研究 / 督促检查: inspections, their visits, findings and files, and 整改 of findings. */
import { inspectionsEndpoints as ep } from '../../../contract/inspections.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFiles, sendStoredFile } from '../reports/index.ts';
import { acceptNotApplicable, addInspectionEvidence, checkInspectionUpload, createFinding, createVisit, findingsOfTask, openInspectionEvidence, rectifyFinding } from './inspection-findings.ts';
import { presentFinding, presentInspection, presentInspectionEvidence, presentInspectionSummary, presentTaskFinding, presentVisit } from './inspections.presenter.ts';
import { createInspection, getInspection, listInspections, loadInspection, transitionInspection, updateInspection } from './inspections.service.ts';

export async function inspectionRoutes(app: App, ctx: AppContext): Promise<void> {
  const detail = async (actor: Parameters<typeof getInspection>[1], id: string) => presentInspection(actor, await getInspection(ctx, actor, id));
  const findingAnswer = async (actor: Parameters<typeof getInspection>[1], f: Awaited<ReturnType<typeof rectifyFinding>>) => {
    const { facts } = await loadInspection(ctx.db, actor, f.inspectionId);
    return presentFinding(actor, f, facts);
  };

  app.get(ep.list.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.list, { tags: ['inspections'], summary: 'The inspections the caller may see, newest first, with their finding counts' }),
  }, async (req) => ({ items: (await listInspections(ctx, req.actor!, req.query)).map(presentInspectionSummary) }));

  app.post(ep.create.path, {
    config: { permission: 'inspection.manage' },
    schema: routeSchema(ep.create, { tags: ['inspections'], summary: 'Plan an inspection (暗访, 专项督查, 调研) in a programme, with its teams and targets' }),
  }, async (req, reply) => {
    const { inspection } = await createInspection(ctx, req.actor!, req.body);
    return reply.status(201).send(await detail(req.actor!, inspection.id));
  });

  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, { tags: ['inspections'], summary: 'An inspection with its teams, visits, findings (and their 整改 tasks) and files, as the caller may see it' }),
  }, async (req) => detail(req.actor!, req.params.id));

  app.patch(ep.update.path, {
    config: { permission: 'inspection.manage' },
    schema: routeSchema(ep.update, { tags: ['inspections'], summary: 'Change the plan: topic, description, dates, teams, target units and tasks (until the inspection closes)' }),
  }, async (req) => {
    await updateInspection(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post(ep.transition.path, {
    config: { permission: 'inspection.manage' },
    schema: routeSchema(ep.transition, { tags: ['inspections'], summary: 'Start, move to reporting, close (every finding rectified or N/A, else 409 inspection_open_findings) or reopen' }),
  }, async (req) => {
    await transitionInspection(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post(ep.createVisit.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.createVisit, { tags: ['inspections'], summary: 'Record a visit (team members and the programme’s supervisors, while the inspection runs)' }),
  }, async (req, reply) => reply.status(201).send(presentVisit(await createVisit(ctx, req.actor!, req.params.id, req.body))));

  app.post(ep.createFinding.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.createFinding, { tags: ['inspections'], summary: 'Record a finding (问题) addressed to a unit, or a research recommendation (`source: recommendation`)' }),
  }, async (req, reply) => reply.status(201).send(await findingAnswer(req.actor!, await createFinding(ctx, req.actor!, req.params.id, req.body))));

  app.post(ep.rectify.path, {
    config: { permission: 'inspection.manage' },
    schema: routeSchema(ep.rectify, { tags: ['inspections'], summary: '转整改: turn the finding into a rectification task (a recommendation into a commitment), assigned to its unit' }),
  }, async (req, reply) => reply.status(201).send(await findingAnswer(req.actor!, await rectifyFinding(ctx, req.actor!, req.params.id, req.body))));

  app.post(ep.notApplicable.path, {
    config: { permission: 'inspection.manage' },
    schema: routeSchema(ep.notApplicable, { tags: ['inspections'], summary: 'Accept the finding as not applicable, with the reason' }),
  }, async (req) => findingAnswer(req.actor!, await acceptNotApplicable(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.addEvidence.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.addEvidence, {
      tags: ['inspections'],
      summary: 'Attach photos, notes or the research report (调研报告) — multipart fields `file`; optionally to one visit or finding',
    }),
  }, async (req, reply) => {
    // Refuse before reading: bytes from someone who may not attach files are never buffered.
    await checkInspectionUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const added = await addInspectionEvidence(ctx, req.actor!, req.params.id, { kind: req.query.kind ?? 'photo', visitId: req.query.visitId, findingId: req.query.findingId }, files);
    return reply.status(201).send({ items: added.map(presentInspectionEvidence) });
  });

  app.get(ep.downloadEvidence.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.downloadEvidence, { tags: ['inspections'], summary: 'Download an inspection file, byte for byte, as an attachment' }),
  }, async (req, reply) => sendStoredFile(ctx, reply, await openInspectionEvidence(ctx, req.actor!, req.params.id)));

  app.get(ep.taskFindings.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.taskFindings, { tags: ['inspections'], summary: 'The findings the task answers (a rectification task: its finding), each with its inspection' }),
  }, async (req) => ({ items: (await findingsOfTask(ctx, req.actor!, req.params.id)).map((f) => presentTaskFinding(req.actor!, f)) }));
}
