/** 传达学习 campaigns: open one for a document of a programme, change its deadline and units, read its coverage. */
import type { Kysely } from 'kysely';
import { defaultRelayDeadline } from '../../../core/relays/index.ts';
import { isIsoDate, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findDocumentSummary } from '../documents/index.ts';
import { findProgrammeStatus, programmeHasDocument, programmeSupervisorIds } from '../programmes/index.ts';
import { unitIdsOfProgrammeTasks } from '../tasks/index.ts';
import { unitActivityOf } from '../units/index.ts';
import { canManageCampaign, canSeeCampaign, campaignScopeOf, type CampaignFacts } from './relays.policy.ts';
import * as repo from './relays.repository.ts';
import type { CoverageRow, RelayCampaign } from './relays.repository.ts';

export interface CampaignAccess {
  campaign: RelayCampaign;
  facts: CampaignFacts;
}

/** Loads a campaign the actor may see, or `relay_campaign_not_found` (existence is not revealed). */
export async function loadCampaign(db: Kysely<DB>, actor: Actor, id: string): Promise<CampaignAccess> {
  const campaign = await repo.findCampaign(db, id);
  if (!campaign) throw notFound('relay_campaign');
  const facts: CampaignFacts = { supervisorIds: await programmeSupervisorIds(db, campaign.programmeId), expectedUnitIds: await repo.campaignUnitIds(db, id) };
  if (!canSeeCampaign(actor, facts)) throw notFound('relay_campaign');
  return { campaign, facts };
}

async function checkUnits(db: Kysely<DB>, unitIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(unitIds)];
  const active = unique.length ? await unitActivityOf(db, unique) : new Map<string, boolean>();
  const bad = unique.find((u) => !active.get(u));
  if (bad) throw badRequest('unit_not_found', `Unit ${bad} does not exist or is deactivated`, { field: 'body.unitIds' });
  return unique;
}

/** A supervisor of the programme opens the campaign for one of its documents; 409 when one exists already. */
export async function createCampaign(ctx: AppContext, actor: Actor, input: { documentId: string; programmeId: string; deadline?: string; unitIds?: string[] }): Promise<CampaignAccess> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const supervisorIds = await programmeSupervisorIds(trx, input.programmeId);
    const programme = await findProgrammeStatus(trx, input.programmeId);
    // A programme the caller does not supervise is not theirs to know about here.
    if (!programme || !canManageCampaign(actor, { supervisorIds, expectedUnitIds: [] })) throw notFound('programme');
    if (programme.status === 'archived') throw conflict('programme_archived', 'The programme is archived');
    const doc = await findDocumentSummary(trx, input.documentId);
    if (!doc || !(await programmeHasDocument(trx, input.programmeId, input.documentId))) {
      throw badRequest('document_not_in_programme', 'The document is not one of the programme’s documents', { field: 'body.documentId' });
    }
    const existing = await repo.findCampaignFor(trx, input.documentId, input.programmeId);
    if (existing) throw conflict('relay_campaign_exists', 'This document already has a relay campaign in this programme', { campaignId: existing });
    if (input.deadline !== undefined && !isIsoDate(input.deadline)) throw badRequest('deadline_invalid', 'The deadline must be a date YYYY-MM-DD', { field: 'body.deadline' });
    const deadline = input.deadline ?? defaultRelayDeadline(doc.date && isIsoDate(doc.date) ? doc.date : null, toLocalDate(now));
    const unitIds = input.unitIds ? await checkUnits(trx, input.unitIds) : await unitIdsOfProgrammeTasks(trx, input.programmeId);
    if (unitIds.length === 0) throw badRequest('units_required', 'No unit is expected to relay the document: the programme has no assigned units yet, so list them', { field: 'body.unitIds' });
    const id = newId(now.getTime());
    await repo.insertCampaign(trx, { id, documentId: input.documentId, programmeId: input.programmeId, deadline, createdBy: actor.kind === 'user' ? actor.id : null, now });
    await repo.setCampaignUnits(trx, id, unitIds);
    await appendAudit(trx, actor, { action: 'relay_campaign.created', objectType: 'relay_campaign', objectId: id, after: { documentId: input.documentId, programmeId: input.programmeId, deadline, unitIds } }, now);
    return { campaign: (await repo.findCampaign(trx, id))!, facts: { supervisorIds, expectedUnitIds: unitIds } };
  });
}

/** A supervisor moves the deadline or changes the expected units (records of removed units stay, unlisted). */
export async function updateCampaign(ctx: AppContext, actor: Actor, id: string, input: { version: number; deadline?: string; unitIds?: string[] }): Promise<CampaignAccess> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, facts } = await loadCampaign(trx, actor, id);
    if (!canManageCampaign(actor, facts)) throw forbidden('Only a supervisor of the programme can change the campaign');
    if (campaign.version !== input.version) throw versionConflict('relay campaign', campaign.version);
    if (input.deadline !== undefined && !isIsoDate(input.deadline)) throw badRequest('deadline_invalid', 'The deadline must be a date YYYY-MM-DD', { field: 'body.deadline' });
    const unitIds = input.unitIds ? await checkUnits(trx, input.unitIds) : facts.expectedUnitIds;
    if (!(await repo.updateCampaignRow(trx, id, input.deadline !== undefined ? { deadline: input.deadline } : {}, now, campaign.version))) {
      throw versionConflict('relay campaign', await repo.campaignVersion(trx, id));
    }
    if (input.unitIds) await repo.setCampaignUnits(trx, id, unitIds);
    await appendAudit(trx, actor, {
      action: 'relay_campaign.updated', objectType: 'relay_campaign', objectId: id,
      before: { deadline: campaign.deadline, unitIds: facts.expectedUnitIds },
      after: { deadline: input.deadline ?? campaign.deadline, unitIds },
    }, now);
    return { campaign: (await repo.findCampaign(trx, id))!, facts: { ...facts, expectedUnitIds: [...unitIds] } };
  });
}

/** Campaigns the actor may see, with their counts, newest first. */
export async function listCampaigns(ctx: AppContext, actor: Actor, filter: { documentId?: string; programmeId?: string }) {
  requirePermission(actor, 'document.read');
  return repo.listCampaigns(ctx.db, campaignScopeOf(actor), filter);
}

/**
 * For a supervisor's home: the campaigns of the programmes they supervise whose deadline has passed with units still
 * to record (red units), most overdue first. Others get none: chasing the units is the supervisor's job.
 */
export async function overdueCampaignsOf(ctx: AppContext, actor: Actor, limit = 20): Promise<Array<repo.RelayCampaign & repo.CampaignCounts>> {
  requirePermission(actor, 'document.read');
  if (actor.kind !== 'user' || !actor.roles.includes('supervisor')) return [];
  const today = toLocalDate(ctx.clock.now());
  const rows = await repo.listCampaigns(ctx.db, { all: false, supervisorUserId: actor.id, liaisonUnitId: null }, { deadlineBefore: today });
  return rows.filter((c) => c.expected - c.recorded + c.returned > 0).sort((a, b) => a.deadline.localeCompare(b.deadline)).slice(0, limit);
}

/** The facts of several campaigns for the list's abilities, in two queries whatever the number of campaigns. */
export async function campaignFactsOf(ctx: AppContext, campaignIds: readonly string[], programmeIds: readonly string[]): Promise<{ supervisors: Map<string, string[]>; units: Map<string, string[]> }> {
  return { supervisors: await repo.supervisorsOfProgrammes(ctx.db, programmeIds), units: await repo.unitsOfCampaigns(ctx.db, campaignIds) };
}

export interface CampaignDetail extends CampaignAccess {
  coverage: CoverageRow[];
  counts: repo.CampaignCounts;
}

/** The campaign with its coverage, as the actor may see it. */
export async function getCampaign(ctx: AppContext, actor: Actor, id: string, db: Kysely<DB> = ctx.db): Promise<CampaignDetail> {
  requirePermission(actor, 'document.read');
  const access = await loadCampaign(db, actor, id);
  const coverage = await repo.coverageOf(db, id);
  const counts = (await repo.countsOf(db, [id])).get(id) ?? { expected: 0, recorded: 0, returned: 0 };
  return { ...access, coverage, counts };
}
