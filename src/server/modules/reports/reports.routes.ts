/** HTTP for progress reports (反馈): a task's reports and periods, writing and reviewing, evidence, period locks. */
import type { FastifyRequest } from 'fastify';
import { reportsEndpoints as ep } from '../../../contract/reports.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { addEvidence, checkEvidenceUpload, deleteEvidence, openEvidence } from './evidence.ts';
import { readUploadedFiles, sendStoredFile } from './evidence-http.ts';
import { lockPeriod, unlockPeriod } from './period-locks.ts';
import { getReport, listPeriods, listTaskReports } from './report-queries.ts';
import { presentEvidence, presentLock, presentPeriods, presentReport } from './reports.presenter.ts';
import { acceptReport, returnReport } from './review-report.ts';
import { createReport, editReport, submitReport } from './write-report.ts';


// Submit and accept carry nothing but an optional version, so a bare POST (no body at all) is accepted too.
const bodyOptional = async (req: FastifyRequest) => {
  req.body ??= {};
};

export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.listForTask.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.listForTask, {
      tags: ['reports'],
      summary: 'The task’s progress reports the caller may see, each with its history (returns and their reasons), evidence and late flag',
    }),
  }, async (req) => ({ items: (await listTaskReports(ctx, req.actor!, req.params.id)).map(presentReport) }));

  app.get(ep.periods.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.periods, {
      tags: ['reports'],
      summary: 'Reporting periods the task’s cadence expects up to today (newest first), each unit’s report state or “missing”, and locks',
    }),
  }, async (req) => presentPeriods(await listPeriods(ctx, req.actor!, req.params.id)));

  app.post(ep.create.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.create, { tags: ['reports'], summary: 'Start a draft report for a period (for the caller’s unit unless `unitId` names another unit they are liaison of)' }),
  }, async (req, reply) => reply.status(201).send(presentReport(await createReport(ctx, req.actor!, req.params.id, req.body))));

  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, { tags: ['reports'], summary: 'One report with its history and evidence' }),
  }, async (req) => presentReport(await getReport(ctx, req.actor!, req.params.id)));

  app.patch(ep.edit.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.edit, { tags: ['reports'], summary: 'Edit a draft or returned report (its unit’s liaison)' }),
  }, async (req) => presentReport(await editReport(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.submit.path, {
    config: { permission: 'report.submit' },
    preValidation: bodyOptional,
    schema: routeSchema(ep.submit, { tags: ['reports'], summary: 'Submit a draft or returned report for review; marked late when first submitted after the period’s deadline' }),
  }, async (req) => presentReport(await submitReport(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.accept.path, {
    config: { permission: 'report.review' },
    preValidation: bodyOptional,
    schema: routeSchema(ep.accept, { tags: ['reports'], summary: 'Accept a submitted report (a supervisor of the programme who did not write it)' }),
  }, async (req) => presentReport(await acceptReport(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.return.path, {
    config: { permission: 'report.review' },
    schema: routeSchema(ep.return, { tags: ['reports'], summary: 'Return (退回) a submitted report to its unit with a reason' }),
  }, async (req) => presentReport(await returnReport(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.uploadEvidence.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.uploadEvidence, {
      tags: ['reports'],
      summary: 'Attach evidence (multipart, one or more fields `file`): PDF, DOCX, XLSX, PPTX, OFD, JPEG, PNG, GIF, WEBP, text, CSV — recognised from the content',
    }),
  }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the files as multipart/form-data in fields named "file"');
    // Refuse before reading: bytes from someone who may not add evidence are never buffered.
    await checkEvidenceUpload(ctx, req.actor!, req.params.id);
    const files = await readUploadedFiles(req);
    const { added, report } = await addEvidence(ctx, req.actor!, req.params.id, files);
    return reply.status(201).send({ items: added.map(presentEvidence), report: presentReport(report) });
  });

  app.get(ep.downloadEvidence.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.downloadEvidence, { tags: ['reports'], summary: 'Download an evidence file, byte for byte, as an attachment' }),
  }, async (req, reply) => sendStoredFile(ctx, reply, await openEvidence(ctx, req.actor!, req.params.id)));

  app.delete(ep.deleteEvidence.path, {
    config: { permission: 'report.submit' },
    schema: routeSchema(ep.deleteEvidence, { tags: ['reports'], summary: 'Remove an evidence file from a draft or returned report' }),
  }, async (req, reply) => {
    await deleteEvidence(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  app.post(ep.lockPeriod.path, {
    config: { permission: 'report.review' },
    schema: routeSchema(ep.lockPeriod, { tags: ['reports'], summary: 'Lock a reporting period of the programme: no report for it may be started or submitted' }),
  }, async (req, reply) => reply.status(201).send(presentLock(await lockPeriod(ctx, req.actor!, req.params.id, req.params.periodKey))));

  app.delete(ep.unlockPeriod.path, {
    config: { permission: 'report.review' },
    schema: routeSchema(ep.unlockPeriod, { tags: ['reports'], summary: 'Unlock a reporting period of the programme' }),
  }, async (req, reply) => {
    await unlockPeriod(ctx, req.actor!, req.params.id, req.params.periodKey);
    return reply.status(204).send(null);
  });
}
