/** HTTP for 调查研究 / 督促检查: inspections, their visits, findings and files, and 整改 of findings. */
import { Type } from 'typebox';
import {
  CreateFindingBody, CreateInspectionBody, CreateVisitBody, FindingResponse, InspectionEvidenceQuery, InspectionEvidenceResponse, InspectionResponse,
  InspectionSummaryResponse, InspectionTransitionBody, NotApplicableBody, RectifyFindingBody, TaskFindingResponse, UpdateInspectionBody, VisitResponse,
} from '../../../contract/inspections.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFiles, sendStoredFile, uploadErrorResponses } from '../reports/index.ts';
import { acceptNotApplicable, addInspectionEvidence, checkInspectionUpload, createFinding, createVisit, findingsOfTask, openInspectionEvidence, rectifyFinding } from './inspection-findings.ts';
import { presentFinding, presentInspection, presentInspectionEvidence, presentInspectionSummary, presentTaskFinding, presentVisit } from './inspections.presenter.ts';
import { createInspection, getInspection, listInspections, loadInspection, transitionInspection, updateInspection } from './inspections.service.ts';

const ListQuery = Type.Object({
  programmeId: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('in_progress'), Type.Literal('reporting'), Type.Literal('closed')])),
}, { additionalProperties: false });

export async function inspectionRoutes(app: App, ctx: AppContext): Promise<void> {
  const detail = async (actor: Parameters<typeof getInspection>[1], id: string) => presentInspection(actor, await getInspection(ctx, actor, id));
  const findingAnswer = async (actor: Parameters<typeof getInspection>[1], f: Awaited<ReturnType<typeof rectifyFinding>>) => {
    const { facts } = await loadInspection(ctx.db, actor, f.inspectionId);
    return presentFinding(actor, f, facts);
  };

  app.get('/api/v1/inspections', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'The inspections the caller may see, newest first, with their finding counts', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(InspectionSummaryResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listInspections(ctx, req.actor!, req.query)).map(presentInspectionSummary) }));

  app.post('/api/v1/inspections', {
    config: { permission: 'inspection.manage' },
    schema: { tags: ['inspections'], summary: 'Plan an inspection (暗访, 专项督查, 调研) in a programme, with its teams and targets', body: CreateInspectionBody, response: { 201: InspectionResponse, ...errorResponses } },
  }, async (req, reply) => {
    const { inspection } = await createInspection(ctx, req.actor!, req.body);
    return reply.status(201).send(await detail(req.actor!, inspection.id));
  });

  app.get('/api/v1/inspections/:id', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'An inspection with its teams, visits, findings (and their 整改 tasks) and files, as the caller may see it', params: IdParams, response: { 200: InspectionResponse, ...errorResponses } },
  }, async (req) => detail(req.actor!, req.params.id));

  app.patch('/api/v1/inspections/:id', {
    config: { permission: 'inspection.manage' },
    schema: { tags: ['inspections'], summary: 'Change the plan: topic, description, dates, teams, target units and tasks (until the inspection closes)', params: IdParams, body: UpdateInspectionBody, response: { 200: InspectionResponse, ...errorResponses } },
  }, async (req) => {
    await updateInspection(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post('/api/v1/inspections/:id/transitions', {
    config: { permission: 'inspection.manage' },
    schema: { tags: ['inspections'], summary: 'Start, move to reporting, close (every finding rectified or N/A, else 409 inspection_open_findings) or reopen', params: IdParams, body: InspectionTransitionBody, response: { 200: InspectionResponse, ...errorResponses } },
  }, async (req) => {
    await transitionInspection(ctx, req.actor!, req.params.id, req.body);
    return detail(req.actor!, req.params.id);
  });

  app.post('/api/v1/inspections/:id/visits', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'Record a visit (team members and the programme’s supervisors, while the inspection runs)', params: IdParams, body: CreateVisitBody, response: { 201: VisitResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentVisit(await createVisit(ctx, req.actor!, req.params.id, req.body))));

  app.post('/api/v1/inspections/:id/findings', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'Record a finding (问题) addressed to a unit, or a research recommendation (`source: recommendation`)', params: IdParams, body: CreateFindingBody, response: { 201: FindingResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await findingAnswer(req.actor!, await createFinding(ctx, req.actor!, req.params.id, req.body))));

  app.post('/api/v1/inspections/findings/:id/rectify', {
    config: { permission: 'inspection.manage' },
    schema: { tags: ['inspections'], summary: '转整改: turn the finding into a rectification task (a recommendation into a commitment), assigned to its unit', params: IdParams, body: RectifyFindingBody, response: { 201: FindingResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await findingAnswer(req.actor!, await rectifyFinding(ctx, req.actor!, req.params.id, req.body))));

  app.post('/api/v1/inspections/findings/:id/not-applicable', {
    config: { permission: 'inspection.manage' },
    schema: { tags: ['inspections'], summary: 'Accept the finding as not applicable, with the reason', params: IdParams, body: NotApplicableBody, response: { 200: FindingResponse, ...errorResponses } },
  }, async (req) => findingAnswer(req.actor!, await acceptNotApplicable(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/inspections/:id/evidence', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['inspections'],
      summary: 'Attach photos, notes or the research report (调研报告) — multipart fields `file`; optionally to one visit or finding',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: InspectionEvidenceQuery,
      response: { 201: Type.Object({ items: Type.Array(InspectionEvidenceResponse) }), ...uploadErrorResponses },
    },
  }, async (req, reply) => {
    // Refuse before reading: bytes from someone who may not attach files are never buffered.
    await checkInspectionUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const added = await addInspectionEvidence(ctx, req.actor!, req.params.id, { kind: req.query.kind ?? 'photo', visitId: req.query.visitId, findingId: req.query.findingId }, files);
    return reply.status(201).send({ items: added.map(presentInspectionEvidence) });
  });

  app.get('/api/v1/inspections/evidence/:id/download', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'Download an inspection file, byte for byte, as an attachment', params: IdParams },
  }, async (req, reply) => sendStoredFile(ctx, reply, await openInspectionEvidence(ctx, req.actor!, req.params.id)));

  app.get('/api/v1/tasks/:id/findings', {
    config: { permission: 'task.read' },
    schema: { tags: ['inspections'], summary: 'The findings the task answers (a rectification task: its finding), each with its inspection', params: IdParams, response: { 200: Type.Object({ items: Type.Array(TaskFindingResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await findingsOfTask(ctx, req.actor!, req.params.id)).map((f) => presentTaskFinding(req.actor!, f)) }));
}
