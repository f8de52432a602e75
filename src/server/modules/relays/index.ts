/** The relays module's (传达学习) public surface: other modules import only from here. */
import type { AppContext } from '../../platform/context.ts';
import type { RelayAttentionItem } from '../../../contract/relays.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { overdueCampaignsOf } from './relay-campaigns.ts';
import { sweepRelayReminders } from './relay-reminders.ts';
import { presentRelayAttention } from './relays.presenter.ts';

export { relayRoutes } from './relays.routes.ts';
export { createCampaign, getCampaign, listCampaigns, updateCampaign } from './relay-campaigns.ts';
export { createRecord, returnRecord, updateRecord, addRecordEvidence } from './relay-records.ts';
export { campaignScopeOf, recordScopeOf } from './relays.policy.ts';
export { visibleCampaignWhere } from './relays.repository.ts';
export { remindCampaign, sweepRelayReminders, type RelaySweepResult } from './relay-reminders.ts';

/** The scheduler job that sends 传达学习 reminders before and after each campaign's deadline. */
export const RELAY_REMINDER_JOB = { name: 'relays.sweep', run: (ctx: AppContext, now: Date) => sweepRelayReminders(ctx, now) };

/** The supervisor's campaigns past their deadline with red units, for the home; empty for every other role. */
export async function relaysNeedingSupervisor(ctx: AppContext, actor: Actor): Promise<RelayAttentionItem[]> {
  const now = ctx.clock.now();
  return (await overdueCampaignsOf(ctx, actor)).map((c) => presentRelayAttention(c, now));
}
export { campaignIdsOfProgramme, relayRecordIdsOfUnit, relayRecordSearchSources, visibleRelayRecordIds } from './relay-search.repository.ts';
export { reindexRelayRecords } from './relay-records.ts';
export { campaignIdsSupervisedBy } from './relay-scopes.repository.ts';
