/** Inspection use cases: plan one (teams, targets), list and read them as the actor may, move them through their states. */
import type { Kysely } from 'kysely';
import { moveInspection, findingStanding, type InspectionAction, type InspectionKind } from '../../../core/inspections/index.ts';
import { cleanTitleText } from '../../../core/text.ts';
import { isIsoDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findProgrammeStatus, programmeSupervisorIds } from '../programmes/index.ts';
import { taskIdsInProgramme } from '../tasks/index.ts';
import { unitActivityOf } from '../units/index.ts';
import { activeUserIds } from '../users/index.ts';
import { canManageInspection, canSeeInspection, canSeeUnitPart, inspectionScopeOf, seesWholeInspection, type InspectionFacts } from './inspections.policy.ts';
import * as repo from './inspections.repository.ts';
import type { Finding, Inspection, InspectionEvidence, Member, Visit } from './inspections.repository.ts';

export interface InspectionAccess {
  inspection: Inspection;
  facts: InspectionFacts;
}

/** Loads an inspection the actor may see, or `inspection_not_found` (existence is not revealed). */
export async function loadInspection(db: Kysely<DB>, actor: Actor, id: string): Promise<InspectionAccess> {
  const inspection = await repo.findInspection(db, id);
  if (!inspection) throw notFound('inspection');
  const facts: InspectionFacts = {
    kind: inspection.kind,
    state: inspection.state,
    supervisorIds: await programmeSupervisorIds(db, inspection.programmeId),
    memberIds: await repo.memberIdsOf(db, id),
    targetUnitIds: await repo.targetUnitIdsOf(db, id),
    findingUnitIds: await repo.findingUnitIdsOf(db, id),
  };
  if (!canSeeInspection(actor, facts)) throw notFound('inspection');
  return { inspection, facts };
}

export interface CreateInspectionInput {
  programmeId: string;
  topic: string;
  kind: InspectionKind;
  description?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  members: Array<{ userId: string; team: string; leader?: boolean }>;
  targetUnitIds?: string[];
  targetTaskIds?: string[];
}

interface PlanInput {
  topic: string;
  description?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  members: Array<{ userId: string; team: string; leader?: boolean }>;
  targetUnitIds?: string[];
  targetTaskIds?: string[];
}

/** Checks and tidies an inspection's plan (topic, dates, teams, targets), the same way on creation and on edit. */
async function checkPlan(trx: Kysely<DB>, programmeId: string, input: PlanInput) {
  const topic = cleanTitleText(input.topic, 300);
  if (topic === null) throw badRequest('invalid_topic', 'The topic must have 1–300 characters, at least one of them visible', { field: 'body.topic' });
  for (const [field, value] of [['startDate', input.startDate], ['endDate', input.endDate]] as const) {
    if (value != null && !isIsoDate(value)) throw badRequest('date_invalid', `${field} must be a date YYYY-MM-DD`, { field: `body.${field}` });
  }
  if (input.startDate && input.endDate && input.endDate < input.startDate) throw badRequest('dates_invalid', 'The inspection cannot end before it starts', { field: 'body.endDate' });
  const memberIds = input.members.map((m) => m.userId);
  if (new Set(memberIds).size !== memberIds.length) throw badRequest('members_invalid', 'A member is listed twice', { field: 'body.members' });
  const activeUsers = await activeUserIds(trx, memberIds);
  if (memberIds.some((u) => !activeUsers.has(u))) throw badRequest('member_not_found', 'Every team member must be an active user', { field: 'body.members' });
  const members = input.members.map((m) => {
    const team = m.team.normalize('NFC').trim();
    if (!team) throw badRequest('team_required', 'Every member needs a team name', { field: 'body.members' });
    return { userId: m.userId, team, leader: m.leader === true };
  });
  const unitIds = [...new Set(input.targetUnitIds ?? [])];
  const activeUnits = unitIds.length ? await unitActivityOf(trx, unitIds) : new Map<string, boolean>();
  if (unitIds.some((u) => !activeUnits.get(u))) throw badRequest('unit_not_found', 'Every target unit must be an active unit', { field: 'body.targetUnitIds' });
  const taskIds = [...new Set(input.targetTaskIds ?? [])];
  const tasks = await taskIdsInProgramme(trx, programmeId, taskIds);
  if (taskIds.some((t) => !tasks.has(t))) throw badRequest('task_not_in_programme', 'Every target task must belong to the inspection’s programme', { field: 'body.targetTaskIds' });
  return { topic, description: input.description?.normalize('NFC').trim() || null, startDate: input.startDate ?? null, endDate: input.endDate ?? null, members, targetUnitIds: unitIds, targetTaskIds: taskIds };
}

/** A supervisor of the programme plans an inspection with its teams and targets. */
export async function createInspection(ctx: AppContext, actor: Actor, input: CreateInspectionInput): Promise<InspectionAccess> {
  requirePermission(actor, 'inspection.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await findProgrammeStatus(trx, input.programmeId);
    const supervisorIds = await programmeSupervisorIds(trx, input.programmeId);
    if (!programme || !canManageInspection(actor, { supervisorIds })) throw notFound('programme');
    if (programme.status === 'archived') throw conflict('programme_archived', 'The programme is archived');
    const plan = await checkPlan(trx, input.programmeId, input);
    const id = newId(now.getTime());
    await repo.insertInspection(trx, {
      id, programmeId: input.programmeId, topic: plan.topic, kind: input.kind, state: 'planned', description: plan.description,
      startDate: plan.startDate, endDate: plan.endDate, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now, updatedAt: now, version: 1,
    });
    await repo.setMembers(trx, id, plan.members);
    await repo.setTargets(trx, id, plan.targetUnitIds, plan.targetTaskIds);
    await appendAudit(trx, actor, { action: 'inspection.created', objectType: 'inspection', objectId: id, after: { programmeId: input.programmeId, kind: input.kind, ...plan } }, now);
    return loadInspection(trx, actor, id);
  });
}

export type UpdateInspectionInput = Partial<PlanInput> & { version: number };

/** A supervisor of the programme changes the plan (topic, description, dates, teams, targets) until it closes. */
export async function updateInspection(ctx: AppContext, actor: Actor, id: string, input: UpdateInspectionInput): Promise<InspectionAccess> {
  requirePermission(actor, 'inspection.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { inspection, facts } = await loadInspection(trx, actor, id);
    if (!canManageInspection(actor, facts)) throw forbidden('Only a supervisor of the programme changes the plan');
    if (inspection.version !== input.version) throw versionConflict('inspection', inspection.version);
    if (inspection.state === 'closed') throw conflict('inspection_closed', 'The inspection is closed');
    const members = await repo.membersOf(trx, id);
    const targets = await repo.targetTasksOf(trx, id);
    const before = {
      topic: inspection.topic, description: inspection.description, startDate: inspection.startDate, endDate: inspection.endDate,
      members: members.map((m) => ({ userId: m.userId, team: m.team, leader: m.leader })), targetUnitIds: facts.targetUnitIds, targetTaskIds: targets.map((t) => t.taskId),
    };
    const plan = await checkPlan(trx, inspection.programmeId, {
      topic: input.topic ?? before.topic,
      description: input.description !== undefined ? input.description : before.description,
      startDate: input.startDate !== undefined ? input.startDate : before.startDate,
      endDate: input.endDate !== undefined ? input.endDate : before.endDate,
      members: input.members ?? before.members,
      targetUnitIds: input.targetUnitIds ?? [...before.targetUnitIds],
      targetTaskIds: input.targetTaskIds ?? before.targetTaskIds,
    });
    if (!(await repo.updateInspectionPlan(trx, id, { topic: plan.topic, description: plan.description, start_date: plan.startDate, end_date: plan.endDate }, now, inspection.version))) {
      throw versionConflict('inspection', await repo.inspectionVersion(trx, id));
    }
    if (input.members) await repo.setMembers(trx, id, plan.members);
    if (input.targetUnitIds || input.targetTaskIds) await repo.setTargets(trx, id, plan.targetUnitIds, plan.targetTaskIds);
    await appendAudit(trx, actor, { action: 'inspection.updated', objectType: 'inspection', objectId: id, before, after: plan }, now);
    return loadInspection(trx, actor, id);
  });
}

/** Inspections the actor may see, newest first, with their finding counts. */
export async function listInspections(ctx: AppContext, actor: Actor, filter: { programmeId?: string; state?: string }) {
  requirePermission(actor, 'task.read');
  return repo.listInspections(ctx.db, inspectionScopeOf(actor), filter);
}

export interface InspectionDetail extends InspectionAccess {
  members: Member[];
  targetUnits: Array<{ unitId: string; name: string }>;
  targetTasks: Array<{ taskId: string; title: string }>;
  visits: Visit[];
  findings: Finding[];
  evidence: InspectionEvidence[];
  counts: repo.FindingCounts;
}

/** The inspection as the actor may see it: a liaison only its unit's findings, visits and files. */
export async function getInspection(ctx: AppContext, actor: Actor, id: string, db: Kysely<DB> = ctx.db): Promise<InspectionDetail> {
  requirePermission(actor, 'task.read');
  const access = await loadInspection(db, actor, id);
  const whole = seesWholeInspection(actor, access.facts);
  const part = (unitId: string | null) => canSeeUnitPart(actor, access.facts, unitId);
  const findings = (await repo.findingsOf(db, id)).filter((f) => part(f.unitId));
  const visibleFindings = new Set(findings.map((f) => f.id));
  const visits = (await repo.visitsOf(db, id)).filter((v) => part(v.unitId));
  const visibleVisits = new Set(visits.map((v) => v.id));
  const evidence = (await repo.evidenceOf(db, id)).filter((e) => whole || (e.findingId !== null && visibleFindings.has(e.findingId)) || (e.visitId !== null && visibleVisits.has(e.visitId)));
  const ownUnit = actor.kind === 'user' ? actor.unitId : null;
  const targetTasks = (await repo.targetTasksOf(db, id)).filter((t) => whole || t.leadUnitId === ownUnit).map((t) => ({ taskId: t.taskId, title: t.title }));
  const counts = (await repo.findingCountsOf(db, [id])).get(id) ?? { findings: 0, open: 0 };
  return { ...access, members: await repo.membersOf(db, id), targetUnits: await repo.targetUnitsOf(db, id), targetTasks, visits, findings, evidence, counts: whole ? counts : { findings: findings.length, open: findings.filter((f) => ['open', 'rectifying'].includes(standingOf(f))).length } };
}

export const standingOf = (f: Pick<Finding, 'taskState' | 'naAt'>) => findingStanding({ taskState: f.taskState, notApplicable: f.naAt !== null });

/** Moves the inspection on (start, report, close, reopen); closing needs every finding rectified or accepted as N/A. */
export async function transitionInspection(ctx: AppContext, actor: Actor, id: string, input: { action: InspectionAction; version: number }): Promise<void> {
  requirePermission(actor, 'inspection.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { inspection, facts } = await loadInspection(trx, actor, id);
    if (!canManageInspection(actor, facts)) throw forbidden('Only a supervisor of the programme moves the inspection on');
    if (inspection.version !== input.version) throw versionConflict('inspection', inspection.version);
    const findings = await repo.findingsOf(trx, id);
    const move = moveInspection(inspection.state, input.action, findings.map(standingOf));
    if (!move.ok) throw new AppError(move.code, move.message, 409, move.openFindings !== undefined ? { openFindings: move.openFindings } : undefined);
    if (!(await repo.updateInspectionState(trx, id, move.to, move.to === 'closed' ? now : null, now, inspection.version))) {
      throw versionConflict('inspection', await repo.inspectionVersion(trx, id));
    }
    await appendAudit(trx, actor, { action: `inspection.${input.action === 'start' ? 'started' : input.action === 'report' ? 'reporting' : input.action === 'close' ? 'closed' : 'reopened'}`, objectType: 'inspection', objectId: id, before: { state: inspection.state }, after: { state: move.to } }, now);
  });
}
