/**
 * 催办 for 传达学习: a supervisor's one-click reminder to the units that have not recorded, and the sweep's reminders
 * before and after the deadline. Both go through the notices module (in-app, e-mail, webhook), deduplicated by key.
 */
import { relayRemindersDue } from '../../../core/relays/index.ts';
import { addDays, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission, systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden } from '../../platform/errors.ts';
import { existingNoticeKeys, MANUAL_REMINDER_SPACING_MS, notify } from '../notices/index.ts';
import { loadCampaign } from './relay-campaigns.ts';
import { canManageCampaign } from './relays.policy.ts';
import * as repo from './relays.repository.ts';

const MESSAGE_MAX = 500;

export interface RelayRemindResult {
  reminded: string[];
  skipped: string[];
  recipients: number;
}

/**
 * Reminds the units without a submitted record (all of them, or those listed). A unit reminded by hand in the last
 * 10 minutes is skipped (the key's 10-minute bucket makes the database refuse a double click on any instance).
 */
export async function remindCampaign(ctx: AppContext, actor: Actor, campaignId: string, input: { unitIds?: string[]; message?: string }): Promise<RelayRemindResult> {
  requirePermission(actor, 'notice.remind');
  if (actor.kind !== 'user') throw forbidden('Only a supervisor can send a reminder');
  const message = input.message?.normalize('NFC').trim() || undefined;
  if (message && [...message].length > MESSAGE_MAX) throw badRequest('message_too_long', `The message must have at most ${MESSAGE_MAX} characters`);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign, facts } = await loadCampaign(trx, actor, campaignId);
    if (!canManageCampaign(actor, facts)) throw forbidden('Only a supervisor of the programme can send a reminder');
    const coverage = await repo.coverageOf(trx, campaignId);
    const missing = coverage.filter((c) => c.record === null || c.record.state === 'returned').map((c) => c.unitId);
    const wanted = input.unitIds ? [...new Set(input.unitIds)] : missing;
    const notMissing = wanted.find((u) => !missing.includes(u));
    if (notMissing) throw badRequest('unit_not_missing', `Unit ${notMissing} is not among the units still to record`, { field: 'body.unitIds' });
    if (wanted.length === 0) throw conflict('relay_complete', 'Every expected unit has recorded; nobody to remind');
    const bucket = new Date(Math.floor(now.getTime() / MANUAL_REMINDER_SPACING_MS) * MANUAL_REMINDER_SPACING_MS).toISOString();
    const reminded: string[] = [];
    const skipped: string[] = [];
    let recipients = 0;
    for (const unitId of wanted) {
      const last = coverage.find((c) => c.unitId === unitId)?.lastRemindedAt;
      if (last && now.getTime() - last.getTime() < MANUAL_REMINDER_SPACING_MS) {
        skipped.push(unitId);
        continue;
      }
      const recorded = await notify(trx, ctx, {
        actor,
        kind: 'relay_reminder',
        taskId: null,
        programmeId: campaign.programmeId,
        unitId,
        to: [{ kind: 'unit_liaisons', unitId }],
        params: { documentTitle: campaign.documentTitle, relayDeadline: campaign.deadline, ...(message ? { message } : {}) },
        dedupeKey: ['relay', campaignId, unitId, 'manual', bucket].map(encodeURIComponent).join('|'),
      }, now);
      if (!recorded.created) {
        skipped.push(unitId);
        continue;
      }
      reminded.push(unitId);
      recipients += recorded.recipientIds.length;
    }
    if (reminded.length === 0) {
      throw conflict('reminder_too_soon', 'These units were reminded less than 10 minutes ago', { retryAfterSeconds: Math.ceil(MANUAL_REMINDER_SPACING_MS / 1000) });
    }
    await repo.markReminded(trx, campaignId, reminded, now);
    return { reminded, skipped, recipients };
  });
}

export interface RelaySweepResult {
  pending: number;
  created: number;
  existing: number;
  problems: string[];
}

/**
 * The sweep's reminders: for every expected unit without a submitted record, the reminder due today (3 days
 * before the deadline, the day after, a week after — the last also to the unit head and the supervisors).
 * Safe on any number of instances: the notice's dedupe key (campaign, unit, rule) admits it once.
 */
export async function sweepRelayReminders(ctx: AppContext, now: Date): Promise<RelaySweepResult> {
  const actor = systemActor('scheduler');
  const result: RelaySweepResult = { pending: 0, created: 0, existing: 0, problems: [] };
  // Reminders start 3 days before the deadline, so only campaigns due by then are read.
  const pending = await repo.pendingUnits(ctx.db, addDays(toLocalDate(now), 3));
  result.pending = pending.length;
  const due = pending.flatMap((p) => relayRemindersDue(p.deadline, now).map((d) => ({ p, rule: d.rule, key: ['relay', p.campaignId, p.unitId, d.rule].map(encodeURIComponent).join('|') })));
  const known = await existingNoticeKeys(ctx.db, due.map((d) => d.key));
  for (const { p, rule, key } of due) {
    if (known.has(key)) {
      result.existing += 1;
      continue;
    }
    const escalate = rule === 'relay_overdue_7d';
    try {
      const created = await ctx.db.transaction().execute(async (trx) => {
        const recorded = await notify(trx, ctx, {
          actor,
          kind: 'relay_reminder',
          taskId: null,
          programmeId: p.programmeId,
          unitId: p.unitId,
          to: [{ kind: 'unit_liaisons', unitId: p.unitId }, ...(escalate ? [{ kind: 'unit_head' as const, unitId: p.unitId }, { kind: 'supervisors' as const }] : [])],
          params: { documentTitle: p.documentTitle, relayDeadline: p.deadline },
          dedupeKey: key,
        }, now);
        if (recorded.created) await repo.markReminded(trx, p.campaignId, [p.unitId], now);
        return recorded.created;
      });
      result[created ? 'created' : 'existing'] += 1;
    } catch (err) {
      result.problems.push(`relay ${p.campaignId}/${p.unitId}: ${(err as Error).message}`);
    }
  }
  return result;
}
