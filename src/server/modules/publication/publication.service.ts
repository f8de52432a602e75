/**
 * Publication use cases: publish and withdraw a programme, preview exactly what the public would see, and mark an
 * accepted report (and its evidence, one file at a time) public or private. All by the programme's supervisors,
 * each audited in its own transaction.
 */
import type { PublicationResponse, PublicProgramme, PublicityResponse } from '../../../contract/publication.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
import { getProgramme } from '../programmes/index.ts';
import { getReport, openEvidence } from '../reports/index.ts';
import { loadTask } from '../tasks/index.ts';
import { buildPublicContent } from './public-content.ts';
import { canMarkPublic, canPublish } from './publication.policy.ts';
import * as repo from './publication.repository.ts';

async function publicationView(ctx: AppContext, actor: Actor, programmeId: string, supervisorIds: readonly string[]): Promise<PublicationResponse> {
  const p = await repo.findPublication(ctx.db, programmeId);
  const ids = await repo.publicIdsOf(ctx.db, programmeId);
  const may = canPublish(actor, supervisorIds);
  return {
    programmeId,
    published: p?.published ?? false,
    publishedAt: p?.publishedAt ?? null,
    withdrawnAt: p?.withdrawnAt ?? null,
    version: p?.version ?? 0,
    publicUrl: `${ctx.config.publicUrl}/public/programmes/${encodeURIComponent(programmeId)}`,
    publicReportIds: ids.reportIds,
    publicEvidenceIds: ids.evidenceIds,
    abilities: { publish: may && !p?.published, withdraw: may && (p?.published ?? false), markPublic: canMarkPublic(actor, supervisorIds) },
  };
}

/** The programme's publication state, for anyone who may see the programme. */
export async function getPublication(ctx: AppContext, actor: Actor, programmeId: string): Promise<PublicationResponse> {
  const programme = await getProgramme(ctx, actor, programmeId);
  return publicationView(ctx, actor, programmeId, programme.supervisorIds);
}

async function setPublished(ctx: AppContext, actor: Actor, programmeId: string, publish: boolean): Promise<PublicationResponse> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  const programme = await ctx.db.transaction().execute(async (trx) => {
    const p = await getProgramme(ctx, actor, programmeId, trx);
    if (!canPublish(actor, p.supervisorIds)) throw forbidden('Only a supervisor of this programme can publish or withdraw it');
    const before = await repo.findPublication(trx, programmeId);
    if (publish && before?.published) throw conflict('already_published', 'The programme is already public');
    if (!publish && !before?.published) throw conflict('not_published', 'The programme is not public');
    await repo.setPublished(trx, programmeId, publish, actor.kind === 'user' ? actor.id : null, now.toISOString());
    const after = await repo.findPublication(trx, programmeId);
    await appendAudit(trx, actor, { action: publish ? 'programme.published' : 'programme.withdrawn', objectType: 'programme', objectId: programmeId, before, after }, now);
    return p;
  });
  return publicationView(ctx, actor, programmeId, programme.supervisorIds);
}

/** Makes the programme public (its supervisors). */
export async function publishProgramme(ctx: AppContext, actor: Actor, programmeId: string): Promise<PublicationResponse> {
  return setPublished(ctx, actor, programmeId, true);
}

/** Takes the programme off the public pages; its public marks stay for the next publication. */
export async function withdrawProgramme(ctx: AppContext, actor: Actor, programmeId: string): Promise<PublicationResponse> {
  return setPublished(ctx, actor, programmeId, false);
}

/** Exactly the public JSON the programme has (or would have once published), for its supervisors. */
export async function previewPublication(ctx: AppContext, actor: Actor, programmeId: string): Promise<PublicProgramme> {
  const p = await getProgramme(ctx, actor, programmeId);
  if (!canPublish(actor, p.supervisorIds)) throw forbidden('Only a supervisor of this programme can preview its public page');
  const publication = await repo.findPublication(ctx.db, programmeId);
  return buildPublicContent(ctx.db, {
    id: p.id,
    title: p.title,
    description: p.description,
    updatedAt: p.updatedAt.toISOString(),
    publishedAt: publication?.published ? publication.publishedAt : null,
  });
}

/**
 * Marks an accepted report of a task's lead unit public or private. Co-units' reports are their internal part of
 * the work and stay internal; unaccepted reports are never public.
 */
export async function setReportPublicity(ctx: AppContext, actor: Actor, reportId: string, makePublic: boolean): Promise<PublicityResponse> {
  requirePermission(actor, 'report.review');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const view = await getReport(ctx, actor, reportId, trx);
    const { task, supervisorIds } = await loadTask(trx, actor, view.report.taskId);
    if (!canMarkPublic(actor, supervisorIds)) throw forbidden('Only a supervisor of this programme can make a report public');
    if (makePublic && view.history.state !== 'accepted') throw conflict('report_not_accepted', 'Only an accepted report can be made public');
    if (makePublic && view.report.unitId !== task.leadUnitId) throw conflict('report_not_lead_unit', 'Only the lead unit’s reports can be made public; co-units’ parts stay internal');
    const was = await repo.findReportMark(trx, reportId);
    if (makePublic === (was !== null)) return { id: reportId, public: makePublic, markedAt: was };
    if (makePublic) await repo.markReport(trx, { reportId, programmeId: task.programmeId, by: actor.kind === 'user' ? actor.id : null, now: now.toISOString() });
    else await repo.unmarkReport(trx, reportId);
    await repo.bumpPublication(trx, task.programmeId, now.toISOString());
    await appendAudit(trx, actor, { action: makePublic ? 'report.made_public' : 'report.made_private', objectType: 'report', objectId: reportId, context: { taskId: task.id, programmeId: task.programmeId } }, now);
    return { id: reportId, public: makePublic, markedAt: makePublic ? now.toISOString() : null };
  });
}

/** Marks one evidence file public or private; it is served publicly only while its report is public and accepted. */
export async function setEvidencePublicity(ctx: AppContext, actor: Actor, evidenceId: string, makePublic: boolean): Promise<PublicityResponse> {
  requirePermission(actor, 'report.review');
  const now = ctx.clock.now();
  const evidence = await openEvidence(ctx, actor, evidenceId);
  return ctx.db.transaction().execute(async (trx) => {
    const view = await getReport(ctx, actor, evidence.reportId, trx);
    const { task, supervisorIds } = await loadTask(trx, actor, view.report.taskId);
    if (!canMarkPublic(actor, supervisorIds)) throw forbidden('Only a supervisor of this programme can make evidence public');
    if (makePublic && view.history.state !== 'accepted') throw conflict('report_not_accepted', 'Only evidence of an accepted report can be made public');
    if (makePublic && view.report.unitId !== task.leadUnitId) throw conflict('report_not_lead_unit', 'Only the lead unit’s evidence can be made public');
    const was = await repo.findEvidenceMark(trx, evidenceId);
    if (makePublic === (was !== null)) return { id: evidenceId, public: makePublic, markedAt: was };
    if (makePublic) await repo.markEvidence(trx, { evidenceId, reportId: evidence.reportId, by: actor.kind === 'user' ? actor.id : null, now: now.toISOString() });
    else await repo.unmarkEvidence(trx, evidenceId);
    await repo.bumpPublication(trx, task.programmeId, now.toISOString());
    await appendAudit(trx, actor, { action: makePublic ? 'evidence.made_public' : 'evidence.made_private', objectType: 'evidence', objectId: evidenceId, context: { reportId: evidence.reportId, taskId: task.id } }, now);
    return { id: evidenceId, public: makePublic, markedAt: makePublic ? now.toISOString() : null };
  });
}
