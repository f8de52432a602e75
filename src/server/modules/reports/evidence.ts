/**
 * Evidence files (佐证材料) on a report: added and removed by the report's unit while it is a draft or returned (each
 * change is an edit of the report, by the same rule), stored by content hash, downloaded by whoever sees the report.
 */
import type { Kysely } from 'kysely';
import { foldReportEvents, reportTransition } from '../../../core/reports/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, tooLarge, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { evidenceFilename, sniffEvidence, type EvidenceType } from './evidence-files.ts';
import { loadReport, refusal, reportContextFor, snapshotOf, type ReportAccess } from './report-access.ts';
import { getReport, type ReportView } from './report-queries.ts';
import { reportActorOf } from './reports.policy.ts';
import { deleteEvidenceRow, findEvidence, insertBlobIfMissing, insertEvent, insertEvidence, listEvidence, updateReportRow, type Evidence } from './reports.repository.ts';

/** More files than this on one report is a dump, not evidence; the reviewer has to read them. */
export const MAX_EVIDENCE_PER_REPORT = 50;

export interface UploadedFile {
  filename: string | null;
  bytes: Uint8Array;
}

/** Applies the core's edit rule (unit liaison, draft or returned, open task) and records the edit in the history. */
async function recordEdit(trx: Kysely<DB>, actor: Actor, a: ReportAccess, now: Date): Promise<void> {
  const context = await reportContextFor(trx, a.access.task, a.report.periodKey, a.periodLocked);
  const result = reportTransition({ action: 'edit', report: snapshotOf(a.report, a.history), actor: reportActorOf(actor, a.access.capacities), context, now });
  if (!result.ok) throw refusal(result);
  const history = foldReportEvents([...a.events.map((e) => e.event), result.event]);
  if (!(await updateReportRow(trx, a.report.id, a.report.version, { history, now }))) {
    throw versionConflict('report', await currentVersion(trx, 'reports', a.report.id));
  }
  await insertEvent(trx, { id: newId(now.getTime()), reportId: a.report.id, event: result.event });
}

/** Whether the actor may add evidence now; called before the upload is read, so refused bytes are never buffered. */
export async function checkEvidenceUpload(ctx: AppContext, actor: Actor, reportId: string): Promise<void> {
  const a = await loadReport(ctx.db, actor, reportId);
  const context = await reportContextFor(ctx.db, a.access.task, a.report.periodKey, a.periodLocked);
  const result = reportTransition({ action: 'edit', report: snapshotOf(a.report, a.history), actor: reportActorOf(actor, a.access.capacities), context, now: ctx.clock.now() });
  if (!result.ok) throw refusal(result);
}

/** Checks every file first (size 413, type 415), so one bad file stores none; then stores and records them all. */
export async function addEvidence(ctx: AppContext, actor: Actor, reportId: string, files: readonly UploadedFile[]): Promise<{ added: Evidence[]; report: ReportView }> {
  if (actor.kind !== 'user') throw forbidden('Evidence is uploaded by a liaison of the reporting unit');
  if (files.length === 0) throw badRequest('file_required', 'Send at least one file in the multipart field "file"');
  const typed: Array<UploadedFile & { type: EvidenceType }> = [];
  for (const f of files) {
    const label = f.filename ? `“${f.filename}”` : 'A file';
    if (f.bytes.byteLength === 0) throw badRequest('file_empty', `${label} is empty`);
    if (f.bytes.byteLength > ctx.config.uploadLimitBytes) throw tooLarge(`${label} is larger than ${ctx.config.uploadLimitBytes} bytes`);
    const sniffed = sniffEvidence(f.bytes, f.filename);
    if (!sniffed.ok) throw new AppError('unsupported_file_type', `${label}: ${sniffed.message}`, 415);
    typed.push({ ...f, type: sniffed.type });
  }
  // Blobs are written before the transaction: content-addressed, so a rolled-back upload leaves at most an unused
  // file that the next upload of the same bytes reuses.
  const stored: Array<(typeof typed)[number] & { sha256: string }> = [];
  for (const f of typed) stored.push({ ...f, sha256: (await ctx.blobs.put(f.bytes)).sha256 });

  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadReport(trx, actor, reportId);
    await recordEdit(trx, actor, a, now);
    const existing = (await listEvidence(trx, [reportId])).get(reportId) ?? [];
    if (existing.length + stored.length > MAX_EVIDENCE_PER_REPORT) {
      throw conflict('evidence_limit', `A report carries at most ${MAX_EVIDENCE_PER_REPORT} evidence files`);
    }
    const added: Evidence[] = [];
    for (const f of stored) {
      await insertBlobIfMissing(trx, { sha256: f.sha256, byteSize: f.bytes.byteLength, mediaType: f.type.mediaType, now });
      const evidence: Evidence = {
        id: newId(now.getTime()),
        reportId,
        sha256: f.sha256,
        filename: evidenceFilename(f.filename, f.type),
        mediaType: f.type.mediaType,
        byteSize: f.bytes.byteLength,
        uploadedBy: actor.id,
        createdAt: now,
      };
      await insertEvidence(trx, evidence);
      await appendAudit(trx, actor, { action: 'evidence.added', objectType: 'evidence', objectId: evidence.id, after: evidence, context: { reportId, taskId: a.report.taskId } }, now);
      added.push(evidence);
    }
    return { added, report: await getReport(ctx, actor, reportId, trx) };
  });
}

async function loadEvidence(db: Kysely<DB>, actor: Actor, id: string): Promise<{ evidence: Evidence; access: ReportAccess }> {
  const evidence = await findEvidence(db, id);
  if (!evidence) throw notFound('evidence');
  try {
    return { evidence, access: await loadReport(db, actor, evidence.reportId) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('evidence');
    throw err;
  }
}

/** Removes a file from a draft or returned report; the blob stays, since other reports may hold the same bytes. */
export async function deleteEvidence(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { evidence, access } = await loadEvidence(trx, actor, id);
    await recordEdit(trx, actor, access, now);
    await deleteEvidenceRow(trx, id);
    await appendAudit(trx, actor, { action: 'evidence.deleted', objectType: 'evidence', objectId: id, before: evidence, context: { reportId: evidence.reportId, taskId: access.report.taskId } }, now);
  });
}

/** An evidence file for download, only to those who may see its report (anyone else: 404). */
export async function openEvidence(ctx: AppContext, actor: Actor, id: string): Promise<Evidence> {
  requirePermission(actor, 'task.read');
  const { evidence } = await loadEvidence(ctx.db, actor, id);
  return evidence;
}
