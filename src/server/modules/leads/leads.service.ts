/**
 * Public leads (群众线索): a visitor's submission on a public task (rate-limited, challenged, photo re-encoded), and
 * the moderation by the programme's supervisors — accept, merge into another lead, reject with a reason category —
 * and 转为整改任务: an accepted lead becomes a task in the programme, assigned to a unit with a deadline, linked back.
 */
import type { Kysely } from 'kysely';
import type { RejectLeadBody } from '../../../contract/leads.ts';
import type { FindingSeverity } from '../../../core/inspections/index.ts';
import { hasVisibleCharacter, isPlainText, tidyTitle } from '../../../core/text.ts';
import { isIsoDate, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission, systemActor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createFinding, getInspection, rectifyFinding } from '../inspections/index.ts';
import { programmeSupervisorIds } from '../programmes/index.ts';
import { applyTransition, insertPlannedTask, loadTask, refreshTaskAndAncestors } from '../tasks/index.ts';
import { issueChallenge, verifyChallenge } from './challenge.ts';
import { canModerate, leadAbilities, type LeadAbilities } from './leads.policy.ts';
import { publicTasksOf } from './public-tasks.ts';
import * as repo from './leads.repository.ts';
import type { Lead, LeadState } from './leads.repository.ts';
import { reencodePhoto } from './photo.ts';
import { addressKeyOf, countAttempt } from './rate-limit.ts';

export const LEAD_TEXT_MAX = { what: 2000, place: 300, contact: 200 } as const;

const keys = new WeakMap<AppContext, string>();
async function keyOf(ctx: AppContext): Promise<string> {
  let k = keys.get(ctx);
  if (!k) {
    k = await repo.publicKey(ctx.db);
    keys.set(ctx, k);
  }
  return k;
}

/** A fresh challenge for the lead form of a public task. */
export async function challengeFor(ctx: AppContext, taskId: string): Promise<{ token: string; question: string }> {
  return issueChallenge(await keyOf(ctx), taskId, ctx.clock.now());
}

/** Counts a submission attempt from an address on a task; 429 once a bucket is full. Call before anything else. */
export async function countLeadAttempt(ctx: AppContext, taskId: string, address: string): Promise<void> {
  await countAttempt(ctx.db, { addressKey: addressKeyOf(await keyOf(ctx), address), taskId, now: ctx.clock.now() });
}

export interface SubmitLeadInput {
  taskId: string;
  what: string;
  place: string;
  contact: string | null;
  photo: Uint8Array | null;
  challenge: string;
  answer: string;
}

function text(field: keyof typeof LEAD_TEXT_MAX, raw: string, required: boolean): string | null {
  const value = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (!value) {
    if (required) throw badRequest('invalid_request', `${field} is required`, { field });
    return null;
  }
  if (!isPlainText(value) || !hasVisibleCharacter(value)) throw badRequest('invalid_request', `${field} must be plain text`, { field });
  if (value.length > LEAD_TEXT_MAX[field]) throw badRequest('invalid_request', `${field} must have at most ${LEAD_TEXT_MAX[field]} characters`, { field });
  return value;
}

/**
 * A visitor's lead. The caller has counted the attempt (`countLeadAttempt`) before reading the body. The task must
 * be public; the challenge must be right and unused; the photo is re-encoded without metadata.
 */
export async function submitLead(ctx: AppContext, input: SubmitLeadInput): Promise<{ id: string }> {
  const now = ctx.clock.now();
  const programmeId = await publicTasksOf(ctx).findPublishedProgrammeOfTask(ctx.db, input.taskId);
  if (!programmeId) throw notFound('task');
  const check = verifyChallenge(await keyOf(ctx), input.challenge, input.answer, input.taskId, now);
  if (!check.ok) throw badRequest(check.code, check.code === 'challenge_wrong' ? 'The answer to the check question is wrong' : 'The form has expired; please answer the new question', { field: 'answer' });
  const what = text('what', input.what, true)!;
  const place = text('place', input.place, true)!;
  const contact = text('contact', input.contact ?? '', false);
  let photoSha256: string | null = null;
  if (input.photo && input.photo.byteLength > 0) {
    const jpeg = await reencodePhoto(input.photo);
    const photo = (await ctx.blobs.put(jpeg)).sha256;
    photoSha256 = photo;
    await repo.insertBlobIfMissing(ctx.db, { sha256: photo, byteSize: jpeg.byteLength, mediaType: 'image/jpeg', now });
  }
  const id = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.challengeUsed(trx, check.id)) throw conflict('challenge_used', 'This form was already sent; please answer the new question');
    await repo.insertLead(trx, {
      id, programme_id: programmeId, task_id: input.taskId, state: 'pending', what, place, contact, photo_sha256: photoSha256, challenge_id: check.id,
      decided_by: null, decided_at: null, reject_reason: null, reject_note: null, merged_into_id: null, rectification_task_id: null,
      created_at: now.toISOString(), updated_at: now.toISOString(),
    });
    // The audit row names the lead, never its contact details (the audit log is read more widely than leads are).
    await appendAudit(trx, systemActor('public'), { action: 'lead.submitted', objectType: 'lead', objectId: id, after: { taskId: input.taskId, programmeId, photo: photoSha256 !== null }, context: { taskId: input.taskId } }, now);
  });
  return { id };
}

export interface LeadView {
  lead: Lead;
  abilities: LeadAbilities;
}

async function loadLead(db: Kysely<DB>, actor: Actor, id: string): Promise<Lead> {
  requirePermission(actor, 'programme.manage');
  const lead = await repo.findLead(db, id);
  // Leads are seen only by their programme's supervisors; to anyone else they do not exist.
  if (!lead || !canModerate(actor, await programmeSupervisorIds(db, lead.programmeId))) throw notFound('lead');
  return lead;
}

export async function getLead(ctx: AppContext, actor: Actor, id: string): Promise<LeadView> {
  const lead = await loadLead(ctx.db, actor, id);
  return { lead, abilities: leadAbilities(lead) };
}

export async function listLeads(ctx: AppContext, actor: Actor, filter: { state?: LeadState; programmeId?: string }): Promise<LeadView[]> {
  requirePermission(actor, 'programme.manage');
  const scope = actor.kind === 'system' ? ({ all: true } as const) : ({ all: false, supervisorUserId: actor.id } as const);
  const leads = await repo.listLeads(ctx.db, scope, { ...filter, limit: 500 });
  return leads.map((lead) => ({ lead, abilities: leadAbilities(lead) }));
}

/** The lead's photo (a metadata-free JPEG), for its moderators. */
export async function openLeadPhoto(ctx: AppContext, actor: Actor, id: string): Promise<{ sha256: string }> {
  const lead = await loadLead(ctx.db, actor, id);
  if (!lead.photoSha256) throw notFound('photo');
  return { sha256: lead.photoSha256 };
}

async function decide(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  allowed: (a: LeadAbilities) => boolean,
  action: string,
  work: (trx: Kysely<DB>, lead: Lead, now: Date) => Promise<{ patch: Parameters<typeof repo.updateLead>[3]; context?: Record<string, unknown> }>,
): Promise<LeadView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const lead = await loadLead(trx, actor, id);
    if (lead.version !== version) throw versionConflict('lead', lead.version);
    if (!allowed(leadAbilities(lead))) throw conflict('invalid_transition', `The lead is ${lead.state}${lead.rectificationTaskId ? ' and already turned into a task' : ''}`);
    const { patch, context } = await work(trx, lead, now);
    if (!(await repo.updateLead(trx, id, version, patch, now.toISOString()))) throw versionConflict('lead', await repo.leadVersion(trx, id));
    const after = (await repo.findLead(trx, id))!;
    await appendAudit(trx, actor, { action, objectType: 'lead', objectId: id, before: { state: lead.state }, after: { state: after.state, rectificationTaskId: after.rectificationTaskId, mergedIntoId: after.mergedIntoId, rejectReason: after.rejectReason }, context: { taskId: lead.taskId, ...context } }, now);
    return { lead: after, abilities: leadAbilities(after) };
  });
}

const decidedBy = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

export async function acceptLead(ctx: AppContext, actor: Actor, id: string, input: { version: number }): Promise<LeadView> {
  return decide(ctx, actor, id, input.version, (a) => a.accept, 'lead.accepted', async (_trx, _lead, now) => ({ patch: { state: 'accepted', decided_by: decidedBy(actor), decided_at: now.toISOString() } }));
}

export async function rejectLead(ctx: AppContext, actor: Actor, id: string, input: RejectLeadBody): Promise<LeadView> {
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw badRequest('invalid_request', 'A rejection for another reason needs a note', { field: 'body.note' });
  return decide(ctx, actor, id, input.version, (a) => a.reject, 'lead.rejected', async (_trx, _lead, now) => ({
    patch: { state: 'rejected', decided_by: decidedBy(actor), decided_at: now.toISOString(), reject_reason: input.reason, reject_note: note },
  }));
}

/** A duplicate goes into another lead of the same programme that is still open or accepted. */
export async function mergeLead(ctx: AppContext, actor: Actor, id: string, input: { version: number; intoId: string }): Promise<LeadView> {
  if (input.intoId === id) throw badRequest('invalid_request', 'A lead cannot be merged into itself', { field: 'body.intoId' });
  return decide(ctx, actor, id, input.version, (a) => a.merge, 'lead.merged', async (trx, lead, now) => {
    const target = await repo.findLead(trx, input.intoId);
    if (!target || target.programmeId !== lead.programmeId) throw notFound('lead', 'The lead to merge into is not one of this programme’s');
    if (target.state !== 'pending' && target.state !== 'accepted') throw conflict('invalid_merge_target', `The lead to merge into is ${target.state}`);
    return { patch: { state: 'merged', decided_by: decidedBy(actor), decided_at: now.toISOString(), merged_into_id: target.id }, context: { intoId: target.id } };
  });
}

export interface RectifyInput {
  version: number;
  title: string;
  dueDate: string;
  /** Defaults to the lead's task's lead unit. */
  leadUnitId?: string;
}

/**
 * 转为整改任务: a new task in the lead's programme, beside the lead's task (same parent), led by the chosen unit
 * (by default the task's lead unit), assigned (交办) at once with the chosen deadline, and linked to the lead.
 */
export async function rectifyLead(ctx: AppContext, actor: Actor, id: string, input: RectifyInput): Promise<LeadView> {
  const title = tidyTitle(input.title);
  if (!hasVisibleCharacter(title) || title.length > 300) throw badRequest('invalid_title', 'The title must have 1–300 characters, at least one of them visible', { field: 'body.title' });
  return decide(ctx, actor, id, input.version, (a) => a.rectify, 'lead.rectified', async (trx, lead, now) => {
    const { task } = await loadTask(trx, actor, lead.taskId);
    const leadUnitId = input.leadUnitId ?? task.leadUnitId;
    if (!leadUnitId) throw badRequest('invalid_request', 'Choose the unit that rectifies: the task has no lead unit', { field: 'body.leadUnitId' });
    const taskId = await insertPlannedTask(trx, { programmeId: lead.programmeId, parentId: task.parentId, title, leadUnitId, description: null, tags: ['整改'], taskType: 'rectification' }, now);
    const created = await loadTask(trx, actor, taskId);
    await appendAudit(trx, actor, { action: 'task.created', objectType: 'task', objectId: taskId, after: created.task, context: { fromLeadId: lead.id } }, now);
    // The assignment's own refusals (a past deadline, an inactive unit) name `body.dueDate` / `body.leadUnitId`.
    await applyTransition(trx, ctx, actor, taskId, { action: 'assign', version: created.task.version, dueDate: input.dueDate }, now);
    if (task.parentId) await refreshTaskAndAncestors(trx, task.parentId, now);
    return { patch: { rectification_task_id: taskId }, context: { rectificationTaskId: taskId } };
  });
}

export interface FindingInput {
  version: number;
  /** A running inspection (督促检查) of the lead's programme. */
  inspectionId: string;
  title: string;
  severity: FindingSeverity;
  dueDate: string;
  /** The unit the finding is addressed to; defaults to the lead's task's lead unit. */
  unitId?: string;
}

/**
 * 转为督查问题: an accepted lead becomes a finding (问题) of a running inspection of its programme, and the finding
 * becomes its rectification task (整改, assigned at once) through the inspections module; the lead is linked to that
 * task. The inspections module opens its own transactions, so this is three steps, not one: everything that can be
 * checked is checked first, and a failure after the finding is recorded leaves a valid finding in the inspection
 * (rectifiable there) and the lead accepted without a task — never a lead pointing at nothing.
 */
export async function findingFromLead(ctx: AppContext, actor: Actor, id: string, input: FindingInput): Promise<LeadView> {
  const lead = await loadLead(ctx.db, actor, id);
  if (lead.version !== input.version) throw versionConflict('lead', lead.version);
  if (!leadAbilities(lead).rectify) throw conflict('invalid_transition', `The lead is ${lead.state}${lead.rectificationTaskId ? ' and already turned into a task' : ''}`);
  if (!isIsoDate(input.dueDate) || input.dueDate < toLocalDate(ctx.clock.now())) throw badRequest('due_date_invalid', 'The deadline must be a date from today on (YYYY-MM-DD)', { field: 'body.dueDate' });
  const inspection = await getInspection(ctx, actor, input.inspectionId).catch((err: unknown) => {
    if (err instanceof Error && 'status' in err && (err as { status: number }).status === 404) throw notFound('inspection');
    throw err;
  });
  if (inspection.inspection.programmeId !== lead.programmeId) throw badRequest('inspection_not_in_programme', 'The inspection must belong to the lead’s programme', { field: 'body.inspectionId' });
  const { task } = await loadTask(ctx.db, actor, lead.taskId);
  const unitId = input.unitId ?? task.leadUnitId;
  if (!unitId) throw badRequest('invalid_request', 'Choose the unit the finding is addressed to: the task has no lead unit', { field: 'body.unitId' });
  const finding = await createFinding(ctx, actor, input.inspectionId, {
    unitId,
    title: input.title,
    // The resident's words stay internal (the finding and its task's description are never public); no contact.
    description: `群众线索：${lead.what}\n地点：${lead.place}`,
    severity: input.severity,
    source: 'finding',
  });
  const rectified = await rectifyFinding(ctx, actor, finding.id, { version: finding.version, dueDate: input.dueDate });
  const taskId = rectified.taskId!;
  return decide(ctx, actor, id, input.version, (a) => a.rectify, 'lead.rectified', async () => ({
    patch: { rectification_task_id: taskId },
    context: { rectificationTaskId: taskId, findingId: finding.id, inspectionId: input.inspectionId },
  }));
}
