/**
 * Actual values (实际完成值) per period: reported by a liaison of the responsible unit with evidence, accepted or
 * returned by a supervisor of the programme like a progress report. An accepted figure is final and feeds the light.
 */
import type { Kysely } from 'kysely';
import { indicatorPeriodBounds } from '../../../core/indicators/index.ts';
import { toLocalDate } from '../../../core/time.ts';
import type { ReportActualBody } from '../../../contract/indicators.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, tooLarge, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../notices/index.ts';
import { evidenceFilename, sniffEvidence, type UploadedFile } from '../reports/index.ts';
import { actualAbilities, canSeeActual } from './indicators.policy.ts';
import { findActual, findActualForPeriod, findIndicatorEvidence, insertActual, insertBlobIfMissing, insertIndicatorEvidence, listIndicatorEvidence, updateActualRow, type Actual, type IndicatorEvidence } from './indicators.repository.ts';
import { loadIndicator, syncTaskIndicatorFacts, type IndicatorAccess } from './indicators.service.ts';

/** More files than this on one figure is a dump, not evidence. */
export const MAX_EVIDENCE_PER_ACTUAL = 20;

/**
 * Reports the figure for a period: a new one, a revision of a returned one, or a correction of one still waiting
 * for review. The period must be of the indicator's kind, within its span and already begun.
 */
export async function reportActual(ctx: AppContext, actor: Actor, indicatorId: string, input: ReportActualBody): Promise<Actual> {
  requirePermission(actor, 'report.submit');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { indicator, caps } = await loadIndicator(trx, actor, indicatorId);
    if (actor.kind !== 'user' || !caps.responsibleLiaison) throw forbidden('Only a liaison of the responsible unit reports this indicator');
    const bounds = indicatorPeriodBounds(indicator.period, input.periodKey);
    if (!bounds) throw badRequest('period_invalid', `${input.periodKey} is not a ${indicator.period} period (use YYYY-MM, YYYY-Qn or YYYY)`, { field: 'periodKey' });
    if (bounds.end < indicator.startDate || bounds.start > indicator.endDate) throw badRequest('period_outside', `${input.periodKey} lies outside the indicator's span ${indicator.startDate}–${indicator.endDate}`);
    if (bounds.start > toLocalDate(now)) throw badRequest('period_not_started', `${input.periodKey} has not begun yet`);
    const note = input.note?.normalize('NFC').trim() || null;
    const existing = await findActualForPeriod(trx, indicator.id, input.periodKey);
    let actual: Actual;
    if (!existing) {
      actual = { id: newId(now.getTime()), indicatorId: indicator.id, periodKey: input.periodKey, value: input.value, note, state: 'submitted', revision: 1, reportedBy: actor.id, submittedAt: now, reviewedBy: null, reviewedAt: null, returnReason: null, createdAt: now, updatedAt: now, version: 1 };
      await insertActual(trx, actual);
    } else {
      if (existing.state === 'accepted') throw conflict('actual_accepted', `The figure for ${input.periodKey} was accepted and is final`);
      actual = {
        ...existing,
        value: input.value,
        note,
        state: 'submitted',
        // A returned figure sent again is a new revision; a correction before review is not.
        revision: existing.state === 'returned' ? existing.revision + 1 : existing.revision,
        reportedBy: actor.id,
        submittedAt: now,
        reviewedBy: null,
        reviewedAt: null,
        updatedAt: now,
        version: existing.version + 1,
      };
      if (!(await updateActualRow(trx, actual, existing.version))) throw versionConflict('figure', null);
    }
    await appendAudit(trx, actor, { action: 'indicator_actual.submitted', objectType: 'indicator_actual', objectId: actual.id, ...(existing ? { before: existing } : {}), after: actual, context: { indicatorId: indicator.id, ...(indicator.taskId ? { taskId: indicator.taskId } : {}) } }, now);
    await notify(trx, ctx, {
      actor,
      kind: 'indicator_submitted',
      taskId: indicator.taskId,
      programmeId: indicator.programmeId,
      unitId: indicator.responsibleUnitId,
      to: [{ kind: 'supervisors' }],
      params: { indicatorName: indicator.name, periodKey: actual.periodKey, figure: `${actual.value}${indicator.unit}` },
      dedupeKey: ['indicator_submitted', actual.id, String(actual.version)].map(encodeURIComponent).join('|'),
    }, now);
    return actual;
  });
}

async function loadActual(db: Kysely<DB>, actor: Actor, id: string): Promise<{ actual: Actual; access: IndicatorAccess }> {
  const actual = await findActual(db, id);
  if (!actual) throw notFound('actual');
  let access: IndicatorAccess;
  try {
    access = await loadIndicator(db, actor, actual.indicatorId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('actual');
    throw err;
  }
  // A figure not yet accepted is not shown to mere readers: for them it does not exist.
  if (!canSeeActual(actual.state, access.caps, actor)) throw notFound('actual');
  return { actual, access };
}

async function decide(ctx: AppContext, actor: Actor, id: string, input: { version?: number | undefined; reason?: string }, verdict: 'accepted' | 'returned'): Promise<Actual> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { actual, access } = await loadActual(trx, actor, id);
    if (!access.caps.supervisor) throw forbidden('Only a supervisor of the programme reviews its indicators');
    if (actor.kind === 'user' && actor.id === actual.reportedBy) throw forbidden('Nobody reviews a figure they reported');
    if (actual.state !== 'submitted') throw conflict('actual_not_submitted', `The figure is ${actual.state}, not waiting for review`);
    if (input.version !== undefined && input.version !== actual.version) throw versionConflict('figure', actual.version);
    let reason: string | null = null;
    if (verdict === 'returned') {
      reason = (input.reason ?? '').normalize('NFC').trim();
      if (!reason) throw badRequest('reason_required', 'Say why the figure is returned');
    }
    const next: Actual = { ...actual, state: verdict, reviewedBy: actor.kind === 'user' ? actor.id : null, reviewedAt: now, returnReason: reason, updatedAt: now, version: actual.version + 1 };
    if (!(await updateActualRow(trx, next, actual.version))) throw versionConflict('figure', null);
    await appendAudit(trx, actor, { action: `indicator_actual.${verdict}`, objectType: 'indicator_actual', objectId: id, before: { state: actual.state }, after: { state: verdict, value: actual.value, periodKey: actual.periodKey, reason }, context: { indicatorId: actual.indicatorId, ...(access.indicator.taskId ? { taskId: access.indicator.taskId } : {}) } }, now);
    if (verdict === 'accepted' && access.indicator.taskId) await syncTaskIndicatorFacts(trx, access.indicator.taskId, now);
    if (verdict === 'returned') {
      await notify(trx, ctx, {
        actor,
        kind: 'indicator_returned',
        taskId: access.indicator.taskId,
        programmeId: access.indicator.programmeId,
        unitId: access.indicator.responsibleUnitId,
        to: [{ kind: 'unit_liaisons', unitId: access.indicator.responsibleUnitId }],
        params: { indicatorName: access.indicator.name, periodKey: actual.periodKey, reason: reason ?? '' },
        dedupeKey: ['indicator_returned', id, String(actual.revision)].map(encodeURIComponent).join('|'),
      }, now);
    }
    return next;
  });
}

/** Accepts a submitted figure: it becomes final and the task's light is recomputed with it. */
export const acceptActual = (ctx: AppContext, actor: Actor, id: string, input: { version?: number | undefined }) => decide(ctx, actor, id, input, 'accepted');
/** Returns a submitted figure to its unit with a reason. */
export const returnActual = (ctx: AppContext, actor: Actor, id: string, input: { version?: number | undefined; reason: string }) => decide(ctx, actor, id, input, 'returned');

/** Whether the actor may attach evidence now; called before the upload is read, so refused bytes are never buffered. */
export async function checkActualEvidenceUpload(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'report.submit');
  const { actual, access } = await loadActual(ctx.db, actor, id);
  if (!actualAbilities(actor, access.caps, actual).addEvidence) {
    if (actual.state === 'accepted' && access.caps.responsibleLiaison) throw conflict('actual_accepted', 'The figure was accepted and is final');
    throw forbidden('Only a liaison of the responsible unit adds evidence');
  }
}

/** Checks every file (size 413, type 415) before storing any, as for reports' evidence. */
export async function addActualEvidence(ctx: AppContext, actor: Actor, id: string, files: readonly UploadedFile[]): Promise<IndicatorEvidence[]> {
  if (actor.kind !== 'user') throw forbidden('Evidence is uploaded by a liaison of the responsible unit');
  if (files.length === 0) throw badRequest('file_required', 'Send at least one file in the multipart field "file"');
  const typed = files.map((f) => {
    const label = f.filename ? `“${f.filename}”` : 'A file';
    if (f.bytes.byteLength === 0) throw badRequest('file_empty', `${label} is empty`);
    if (f.bytes.byteLength > ctx.config.uploadLimitBytes) throw tooLarge(`${label} is larger than ${ctx.config.uploadLimitBytes} bytes`);
    const sniffed = sniffEvidence(f.bytes, f.filename);
    if (!sniffed.ok) throw new AppError('unsupported_file_type', `${label}: ${sniffed.message}`, 415);
    return { ...f, type: sniffed.type };
  });
  const stored: Array<(typeof typed)[number] & { sha256: string }> = [];
  for (const f of typed) stored.push({ ...f, sha256: (await ctx.blobs.put(f.bytes)).sha256 });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { actual, access } = await loadActual(trx, actor, id);
    if (!actualAbilities(actor, access.caps, actual).addEvidence) {
      if (actual.state === 'accepted' && access.caps.responsibleLiaison) throw conflict('actual_accepted', 'The figure was accepted and is final');
      throw forbidden('Only a liaison of the responsible unit adds evidence');
    }
    const existing = (await listIndicatorEvidence(trx, [id])).get(id) ?? [];
    if (existing.length + stored.length > MAX_EVIDENCE_PER_ACTUAL) throw conflict('evidence_limit', `A figure carries at most ${MAX_EVIDENCE_PER_ACTUAL} evidence files`);
    const added: IndicatorEvidence[] = [];
    for (const f of stored) {
      await insertBlobIfMissing(trx, { sha256: f.sha256, byteSize: f.bytes.byteLength, mediaType: f.type.mediaType, now });
      const e: IndicatorEvidence = { id: newId(now.getTime()), actualId: id, sha256: f.sha256, filename: evidenceFilename(f.filename, f.type), mediaType: f.type.mediaType, byteSize: f.bytes.byteLength, uploadedBy: actor.id, createdAt: now };
      await insertIndicatorEvidence(trx, e);
      await appendAudit(trx, actor, { action: 'indicator_evidence.added', objectType: 'indicator_evidence', objectId: e.id, after: e, context: { actualId: id, indicatorId: actual.indicatorId } }, now);
      added.push(e);
    }
    return added;
  });
}

/** An evidence file for download, to whoever may see its figure (anyone else: 404). */
export async function openActualEvidence(ctx: AppContext, actor: Actor, id: string): Promise<IndicatorEvidence> {
  requirePermission(actor, 'task.read');
  const e = await findIndicatorEvidence(ctx.db, id);
  if (!e) throw notFound('evidence');
  try {
    await loadActual(ctx.db, actor, e.actualId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('evidence');
    throw err;
  }
  return e;
}

/** The evidence of the given figures, by figure. */
export async function evidenceOf(db: Kysely<DB>, actualIds: readonly string[]): Promise<Map<string, IndicatorEvidence[]>> {
  return listIndicatorEvidence(db, actualIds);
}
