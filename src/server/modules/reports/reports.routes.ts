/** HTTP for progress reports (反馈): a task's reports and periods, writing and reviewing, evidence, period locks. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, ErrorBody, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { attachmentDisposition } from './evidence-files.ts';
import { addEvidence, checkEvidenceUpload, deleteEvidence, openEvidence, type UploadedFile } from './evidence.ts';
import { lockPeriod, unlockPeriod } from './period-locks.ts';
import { getReport, listPeriods, listTaskReports } from './report-queries.ts';
import { EvidenceResponse, PeriodLockResponse, PeriodsResponse, presentEvidence, presentLock, presentPeriods, presentReport, ReportResponse } from './reports.presenter.ts';
import { acceptReport, returnReport } from './review-report.ts';
import { createReport, editReport, NOTE_MAX, submitReport, TEXT_MAX } from './write-report.ts';

const PeriodKey = Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z-]+$' });
const Note = Nullable(Type.String({ maxLength: NOTE_MAX }));
const MilestoneUpdates = Type.Array(
  Type.Object({ milestoneId: Type.String({ minLength: 1, maxLength: 64 }), done: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false }),
  { maxItems: 100 },
);
const Progress = Type.Number({ minimum: 0, maximum: 100 });
const Text = Type.String({ minLength: 1, maxLength: TEXT_MAX });
const Version = Type.Integer({ minimum: 1 });
const ReviewBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false });
const LockParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), periodKey: PeriodKey });
const CSV_WARNING = 'csv-formulas-not-neutralised; cells starting with = + - @ may run as formulas in a spreadsheet';
const uploadErrors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody };

// Submit and accept carry nothing but an optional version, so a bare POST (no body at all) is accepted too.
const bodyOptional = async (req: FastifyRequest) => {
  req.body ??= {};
};

export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/tasks/:id/reports', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['reports'],
      summary: 'The task’s progress reports the caller may see, each with its history (returns and their reasons), evidence and late flag',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(ReportResponse) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await listTaskReports(ctx, req.actor!, req.params.id)).map(presentReport) }));

  app.get('/api/v1/tasks/:id/periods', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['reports'],
      summary: 'Reporting periods the task’s cadence expects up to today (newest first), each unit’s report state or “missing”, and locks',
      params: IdParams,
      response: { 200: PeriodsResponse, ...errorResponses },
    },
  }, async (req) => presentPeriods(await listPeriods(ctx, req.actor!, req.params.id)));

  app.post('/api/v1/tasks/:id/reports', {
    config: { permission: 'report.submit' },
    schema: {
      tags: ['reports'],
      summary: 'Start a draft report for a period (for the caller’s unit unless `unitId` names another unit they are liaison of)',
      params: IdParams,
      body: Type.Object({
        periodKey: PeriodKey,
        unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        progress: Progress,
        text: Text,
        problems: Type.Optional(Note),
        coordination: Type.Optional(Note),
        nextSteps: Type.Optional(Note),
        milestoneUpdates: Type.Optional(MilestoneUpdates),
        final: Type.Optional(Type.Boolean({ description: 'The final report (总结报告) that 申请办结 stands on: needs a summary and evidence to be submitted' })),
        summary: Type.Optional(Note),
      }, { additionalProperties: false }),
      response: { 201: ReportResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentReport(await createReport(ctx, req.actor!, req.params.id, req.body))));

  app.get('/api/v1/reports/:id', {
    config: { permission: 'task.read' },
    schema: { tags: ['reports'], summary: 'One report with its history and evidence', params: IdParams, response: { 200: ReportResponse, ...errorResponses } },
  }, async (req) => presentReport(await getReport(ctx, req.actor!, req.params.id)));

  app.patch('/api/v1/reports/:id', {
    config: { permission: 'report.submit' },
    schema: {
      tags: ['reports'],
      summary: 'Edit a draft or returned report (its unit’s liaison)',
      params: IdParams,
      body: Type.Object({
        version: Version,
        progress: Type.Optional(Progress),
        text: Type.Optional(Text),
        problems: Type.Optional(Note),
        coordination: Type.Optional(Note),
        nextSteps: Type.Optional(Note),
        milestoneUpdates: Type.Optional(MilestoneUpdates),
        final: Type.Optional(Type.Boolean()),
        summary: Type.Optional(Note),
      }, { additionalProperties: false }),
      response: { 200: ReportResponse, ...errorResponses },
    },
  }, async (req) => presentReport(await editReport(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/reports/:id/submit', {
    config: { permission: 'report.submit' },
    preValidation: bodyOptional,
    schema: { tags: ['reports'], summary: 'Submit a draft or returned report for review; marked late when first submitted after the period’s deadline', params: IdParams, body: ReviewBody, response: { 200: ReportResponse, ...errorResponses } },
  }, async (req) => presentReport(await submitReport(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/reports/:id/accept', {
    config: { permission: 'report.review' },
    preValidation: bodyOptional,
    schema: { tags: ['reports'], summary: 'Accept a submitted report (a supervisor of the programme who did not write it)', params: IdParams, body: ReviewBody, response: { 200: ReportResponse, ...errorResponses } },
  }, async (req) => presentReport(await acceptReport(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/reports/:id/return', {
    config: { permission: 'report.review' },
    schema: {
      tags: ['reports'],
      summary: 'Return (退回) a submitted report to its unit with a reason',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ maxLength: 2000 }), version: Type.Optional(Version) }, { additionalProperties: false }),
      response: { 200: ReportResponse, ...errorResponses },
    },
  }, async (req) => presentReport(await returnReport(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/reports/:id/evidence', {
    config: { permission: 'report.submit' },
    schema: {
      tags: ['reports'],
      summary: 'Attach evidence (multipart, one or more fields `file`): PDF, DOCX, XLSX, PPTX, OFD, JPEG, PNG, GIF, WEBP, text, CSV — recognised from the content',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 201: Type.Object({ items: Type.Array(EvidenceResponse), report: ReportResponse }), ...uploadErrors },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the files as multipart/form-data in fields named "file"');
    // Refuse before reading: bytes from someone who may not add evidence are never buffered.
    await checkEvidenceUpload(ctx, req.actor!, req.params.id);
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
    const { added, report } = await addEvidence(ctx, req.actor!, req.params.id, files);
    return reply.status(201).send({ items: added.map(presentEvidence), report: presentReport(report) });
  });

  app.get('/api/v1/evidence/:id/download', {
    config: { permission: 'task.read' },
    schema: { tags: ['reports'], summary: 'Download an evidence file, byte for byte, as an attachment', params: IdParams },
  }, async (req, reply) => {
    const e = await openEvidence(ctx, req.actor!, req.params.id);
    // Evidence is served byte for byte (its hash is the proof), so formula cells in a CSV are not rewritten; it goes
    // out only as an attachment, and the warning tells clients to open it as text rather than in a spreadsheet.
    if (e.mediaType === 'text/csv') void reply.header('X-Luoshi-Content-Warning', CSV_WARNING);
    return reply
      .header('Content-Type', e.mediaType)
      .header('Content-Length', String(e.byteSize))
      .header('Content-Disposition', attachmentDisposition(e.filename))
      // Already set for every response by the app; repeated because a download is where sniffing would hurt.
      .header('X-Content-Type-Options', 'nosniff')
      .send(ctx.blobs.stream(e.sha256));
  });

  app.delete('/api/v1/evidence/:id', {
    config: { permission: 'report.submit' },
    schema: { tags: ['reports'], summary: 'Remove an evidence file from a draft or returned report', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteEvidence(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/programmes/:id/periods/:periodKey/lock', {
    config: { permission: 'report.review' },
    schema: { tags: ['reports'], summary: 'Lock a reporting period of the programme: no report for it may be started or submitted', params: LockParams, response: { 201: PeriodLockResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentLock(await lockPeriod(ctx, req.actor!, req.params.id, req.params.periodKey))));

  app.delete('/api/v1/programmes/:id/periods/:periodKey/lock', {
    config: { permission: 'report.review' },
    schema: { tags: ['reports'], summary: 'Unlock a reporting period of the programme', params: LockParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await unlockPeriod(ctx, req.actor!, req.params.id, req.params.periodKey);
    return reply.status(204).send(null);
  });
}
