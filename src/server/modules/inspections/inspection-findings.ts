/**
 * Visits and findings (问题) of an inspection, and their 整改: a finding becomes a rectification task in the
 * inspection's programme (a research recommendation becomes a commitment), assigned (交办) to the finding's unit at
 * once, then signed, reported, reviewed and closed like any task. Or a supervisor accepts it as not applicable.
 */
import { acceptsFindings, type FindingSeverity, type FindingSource } from '../../../core/inspections/index.ts';
import { cleanTitleText } from '../../../core/text.ts';
import { isIsoDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordUploadBlobs, storeUploads, type UploadedFile } from '../reports/index.ts';
import { indexFindingSources } from '../search-index/index.ts';
import { applyTransition, findTaskState, findTaskVersions, insertPlannedTask, loadTask } from '../tasks/index.ts';
import { unitActivityOf } from '../units/index.ts';
import { canManageInspection, canRecord, canSeeUnitPart } from './inspections.policy.ts';
import * as repo from './inspections.repository.ts';
import type { Finding, Inspection, InspectionEvidence, Visit } from './inspections.repository.ts';
import { getInspection, loadInspection, standingOf } from './inspections.service.ts';
import { findingSearchSources } from './finding-search.repository.ts';

export const MAX_EVIDENCE_PER_INSPECTION = 200;

const tidy = (v: string | null | undefined) => v?.normalize('NFC').trim() || null;

/** A team member (or the programme's supervisor) records a visit while the inspection runs. */
export async function createVisit(ctx: AppContext, actor: Actor, inspectionId: string, input: { unitId?: string | null; visitedOn: string; notes: string }): Promise<Visit> {
  requirePermission(actor, 'task.read');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { facts } = await loadInspection(trx, actor, inspectionId);
    if (!canRecord(actor, { ...facts, state: 'in_progress' })) throw forbidden('Only the inspection’s team and the programme’s supervisors record visits');
    if (!acceptsFindings(facts.state)) throw conflict('inspection_not_running', 'Visits are recorded once the inspection has started and until it closes');
    if (!isIsoDate(input.visitedOn)) throw badRequest('date_invalid', 'visitedOn must be a date YYYY-MM-DD', { field: 'body.visitedOn' });
    const notes = tidy(input.notes);
    if (!notes) throw badRequest('notes_required', 'Write what the visit saw', { field: 'body.notes' });
    const unitId = input.unitId ?? null;
    if (unitId && !(await unitActivityOf(trx, [unitId])).get(unitId)) throw badRequest('unit_not_found', 'The visited unit must be an active unit', { field: 'body.unitId' });
    const visit: Visit = { id: newId(now.getTime()), inspectionId, unitId, unitName: null, visitedOn: input.visitedOn, notes, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now };
    await repo.insertVisit(trx, visit);
    await appendAudit(trx, actor, { action: 'inspection_visit.created', objectType: 'inspection_visit', objectId: visit.id, after: { unitId, visitedOn: visit.visitedOn, notes }, context: { inspectionId } }, now);
    return visit;
  });
}

/** Brings the search entries of these findings in step with their rows; a finding deleted meanwhile loses its entry. */
export async function reindexFindings(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  await indexFindingSources(trx, ids, await findingSearchSources(trx, { ids }));
}

/** A team member records a finding (问题) addressed to a unit, or a research report's recommendation. */
export async function createFinding(ctx: AppContext, actor: Actor, inspectionId: string, input: { unitId: string; visitId?: string | null; source?: FindingSource; title: string; description?: string | null; severity: FindingSeverity }): Promise<Finding> {
  requirePermission(actor, 'task.read');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { facts } = await loadInspection(trx, actor, inspectionId);
    if (!canRecord(actor, { ...facts, state: 'in_progress' })) throw forbidden('Only the inspection’s team and the programme’s supervisors record findings');
    if (!acceptsFindings(facts.state)) throw conflict('inspection_not_running', 'Findings are recorded once the inspection has started and until it closes');
    const title = cleanTitleText(input.title, 300);
    if (title === null) throw badRequest('invalid_title', 'The finding needs a title of 1–300 characters', { field: 'body.title' });
    if (!(await unitActivityOf(trx, [input.unitId])).get(input.unitId)) throw badRequest('unit_not_found', 'The finding must be addressed to an active unit', { field: 'body.unitId' });
    const visitId = input.visitId ?? null;
    if (visitId && !(await repo.visitsOf(trx, inspectionId)).some((v) => v.id === visitId)) throw badRequest('visit_not_found', 'The visit is not one of this inspection’s', { field: 'body.visitId' });
    const id = newId(now.getTime());
    const source = input.source ?? 'finding';
    await repo.insertFinding(trx, { id, inspectionId, visitId, unitId: input.unitId, source, title, description: tidy(input.description), severity: input.severity, createdBy: actor.kind === 'user' ? actor.id : null, now });
    await reindexFindings(trx, [id]);
    await appendAudit(trx, actor, { action: 'inspection_finding.created', objectType: 'inspection_finding', objectId: id, after: { unitId: input.unitId, source, title, severity: input.severity, visitId }, context: { inspectionId } }, now);
    return (await repo.findFinding(trx, id))!;
  });
}

async function loadFinding(db: Parameters<typeof loadInspection>[0], actor: Actor, id: string) {
  const finding = await repo.findFinding(db, id);
  if (!finding) throw notFound('finding');
  let access;
  try {
    access = await loadInspection(db, actor, finding.inspectionId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('finding');
    throw err;
  }
  if (!canSeeUnitPart(actor, access.facts, finding.unitId)) throw notFound('finding');
  return { finding, ...access };
}

/** The title of the work area that holds an inspection's 整改 tasks. */
export const rectificationAreaTitle = (topic: string) => `督查整改：${topic}`;

/** Whether the inspection's work area still takes tasks (exists, not closed). */
async function areaTakesTasks(trx: Kysely<DB>, areaTaskId: string): Promise<boolean> {
  const state = await findTaskState(trx, areaTaskId);
  return state !== null && state !== 'closed';
}

/**
 * The work area of the inspection's 整改 tasks: the one made on its first 转整改, or a new one (a draft container
 * without a lead unit, like every work area, audited as `task.created`). A task must sit under an area: the
 * dashboards, homes, ledger sheets and evaluation count tasks, and a top-level node is an area to them.
 */
async function rectificationArea(trx: Kysely<DB>, actor: Actor, inspection: Inspection, now: Date): Promise<string> {
  // A closed area takes no new tasks, so a later finding opens a fresh one.
  if (inspection.areaTaskId && (await areaTakesTasks(trx, inspection.areaTaskId))) return inspection.areaTaskId;
  const title = rectificationAreaTitle(inspection.topic);
  const areaId = await insertPlannedTask(trx, { programmeId: inspection.programmeId, title, description: inspection.description }, now);
  if (!(await repo.linkArea(trx, inspection.id, areaId, inspection.areaTaskId))) throw versionConflict('inspection', inspection.version);
  await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: areaId, after: { id: areaId, title, kind: 'area' }, context: { inspectionId: inspection.id, via: 'rectification_area' } }, now);
  return areaId;
}

/**
 * 转整改: the finding becomes a task in the inspection's programme, under the inspection's work area, led by the
 * finding's unit, with a deadline and optionally its responsible person, assigned at once (the unit is notified and
 * signs for it as for any task).
 */
export async function rectifyFinding(ctx: AppContext, actor: Actor, findingId: string, input: { version: number; dueDate: string; ownerUserId?: string | null; title?: string }): Promise<Finding> {
  requirePermission(actor, 'inspection.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { finding, inspection, facts } = await loadFinding(trx, actor, findingId);
    if (!canManageInspection(actor, facts)) throw forbidden('Only a supervisor of the programme turns findings into tasks');
    if (finding.version !== input.version) throw versionConflict('finding', finding.version);
    if (finding.taskId || finding.naAt) throw conflict('finding_settled', 'The finding already has its task or was accepted as not applicable');
    if (inspection.state === 'closed') throw conflict('inspection_closed', 'The inspection is closed');
    if (!isIsoDate(input.dueDate)) throw badRequest('due_date_invalid', 'The due date must be YYYY-MM-DD', { field: 'body.dueDate' });
    const rectification = finding.source === 'finding';
    const title = input.title ?? (rectification ? `整改：${finding.title}` : finding.title);
    const description = [finding.description, `——${inspection.topic}`].filter(Boolean).join('\n');
    const areaId = await rectificationArea(trx, actor, inspection, now);
    const taskId = await insertPlannedTask(trx, {
      programmeId: inspection.programmeId, parentId: areaId, title, description, leadUnitId: finding.unitId, ownerUserId: input.ownerUserId ?? null, dueDate: input.dueDate,
      tags: rectification ? ['整改'] : [], taskType: rectification ? 'rectification' : 'commitment', findingId: finding.id,
    }, now);
    await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: taskId, after: { title, taskType: rectification ? 'rectification' : 'commitment', findingId: finding.id, leadUnitId: finding.unitId, dueDate: input.dueDate }, context: { inspectionId: inspection.id } }, now);
    const versions = await findTaskVersions(trx, [taskId]);
    await applyTransition(trx, ctx, actor, taskId, { action: 'assign', version: versions.get(taskId) ?? 1 }, now);
    if (!(await repo.updateFindingRow(trx, finding.id, { task_id: taskId }, now, finding.version))) throw versionConflict('finding', null);
    await appendAudit(trx, actor, { action: 'inspection_finding.rectification_created', objectType: 'inspection_finding', objectId: finding.id, after: { taskId }, context: { inspectionId: inspection.id, taskId } }, now);
    return (await repo.findFinding(trx, finding.id))!;
  });
}

/** A supervisor accepts a finding as not applicable, with the reason; it then no longer keeps the inspection open. */
export async function acceptNotApplicable(ctx: AppContext, actor: Actor, findingId: string, input: { version: number; reason: string }): Promise<Finding> {
  requirePermission(actor, 'inspection.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { finding, inspection, facts } = await loadFinding(trx, actor, findingId);
    if (!canManageInspection(actor, facts)) throw forbidden('Only a supervisor of the programme accepts a finding as not applicable');
    if (finding.version !== input.version) throw versionConflict('finding', finding.version);
    if (finding.taskId || finding.naAt) throw conflict('finding_settled', 'The finding already has its task or was accepted as not applicable');
    if (inspection.state === 'closed') throw conflict('inspection_closed', 'The inspection is closed');
    const reason = tidy(input.reason);
    if (!reason) throw badRequest('reason_required', 'Say why the finding does not apply', { field: 'body.reason' });
    if (!(await repo.updateFindingRow(trx, finding.id, { na_reason: reason, na_by: actor.kind === 'user' ? actor.id : null, na_at: now.toISOString() }, now, finding.version))) throw versionConflict('finding', null);
    await appendAudit(trx, actor, { action: 'inspection_finding.not_applicable', objectType: 'inspection_finding', objectId: finding.id, after: { reason }, context: { inspectionId: inspection.id } }, now);
    return (await repo.findFinding(trx, finding.id))!;
  });
}

/** Whether the actor may attach files now; called before the upload is read. */
export async function checkInspectionUpload(ctx: AppContext, actor: Actor, inspectionId: string): Promise<void> {
  const { facts } = await loadInspection(ctx.db, actor, inspectionId);
  if (!canRecord(actor, { ...facts, state: 'in_progress' })) throw forbidden('Only the inspection’s team and the programme’s supervisors attach files');
  if (!acceptsFindings(facts.state)) throw conflict('inspection_not_running', 'Files are attached once the inspection has started and until it closes');
}

/** Attaches photos, notes or the research report (调研报告), optionally to one visit or finding. */
export async function addInspectionEvidence(ctx: AppContext, actor: Actor, inspectionId: string, input: { kind: InspectionEvidence['kind']; visitId?: string; findingId?: string }, files: readonly UploadedFile[]): Promise<InspectionEvidence[]> {
  requirePermission(actor, 'task.read');
  await checkInspectionUpload(ctx, actor, inspectionId);
  if (actor.kind !== 'user') throw forbidden('Files are attached by a person');
  const stored = await storeUploads(ctx, files);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { facts } = await loadInspection(trx, actor, inspectionId);
    if (!canRecord(actor, facts)) throw forbidden('Only the inspection’s team and the programme’s supervisors attach files');
    if (input.visitId && !(await repo.visitsOf(trx, inspectionId)).some((v) => v.id === input.visitId)) throw badRequest('visit_not_found', 'The visit is not one of this inspection’s', { field: 'querystring.visitId' });
    if (input.findingId && !(await repo.findingsOf(trx, inspectionId)).some((f) => f.id === input.findingId)) throw badRequest('finding_not_found', 'The finding is not one of this inspection’s', { field: 'querystring.findingId' });
    const existing = await repo.evidenceOf(trx, inspectionId);
    if (existing.length + stored.length > MAX_EVIDENCE_PER_INSPECTION) throw conflict('evidence_limit', `An inspection carries at most ${MAX_EVIDENCE_PER_INSPECTION} files`);
    await recordUploadBlobs(trx, stored, now);
    const added: InspectionEvidence[] = [];
    for (const s of stored) {
      const e: InspectionEvidence = { id: newId(now.getTime()), inspectionId, visitId: input.visitId ?? null, findingId: input.findingId ?? null, kind: input.kind, sha256: s.sha256, filename: s.filename, mediaType: s.mediaType, byteSize: s.byteSize, uploadedBy: actor.id, createdAt: now };
      await repo.insertEvidence(trx, e);
      await appendAudit(trx, actor, { action: 'inspection_evidence.added', objectType: 'inspection_evidence', objectId: e.id, after: e, context: { inspectionId } }, now);
      added.push(e);
    }
    return added;
  });
}

/** A file for download, only to those who see the part of the inspection it belongs to. */
export async function openInspectionEvidence(ctx: AppContext, actor: Actor, id: string): Promise<InspectionEvidence> {
  requirePermission(actor, 'task.read');
  const e = await repo.findEvidence(ctx.db, id);
  if (!e) throw notFound('inspection_evidence');
  try {
    const detail = await getInspection(ctx, actor, e.inspectionId);
    if (!detail.evidence.some((x) => x.id === id)) throw notFound('inspection_evidence');
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('inspection_evidence');
    throw err;
  }
  return e;
}

/** The findings a task answers, with their inspection, for the task page; 404 when the task is not the actor's to see. */
export async function findingsOfTask(ctx: AppContext, actor: Actor, taskId: string) {
  requirePermission(actor, 'task.read');
  await loadTask(ctx.db, actor, taskId);
  return repo.findingsOfTask(ctx.db, taskId);
}

export { standingOf };
