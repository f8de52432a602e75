/**
 * The role homes (`GET /api/v1/home`): the first question of each role, answered in one request — a leader's red and
 * yellow tasks with reasons and what came of their 批示; a supervisor's overdue tasks nobody has chased and units that
 * have not signed; a liaison's own unit's health. Counts come from the dashboards (so they equal the ledger's), the
 * lists are scoped in SQL, and abilities come from the permissions the actions check.
 */
import type { HomeResponse } from '../../../contract/home.ts';
import { DEFAULT_TZ, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { mayGiveInstructions } from '../instructions/index.ts';
import { maySendReminders } from '../notices/index.ts';
import { mayReviewReports } from '../reports/index.ts';
import { getStats, listByHealth, listMatching, OVERDUE_STATES } from '../stats/index.ts';
import { ledgerWhere } from '../tasks/index.ts';
import { listUnits } from '../units/index.ts';
import { relaysNeedingSupervisor } from '../relays/index.ts';
import { instructionOutcomes, unremindedWhere } from './home.repository.ts';
import { INSTRUCTION_DAYS } from './inbox.service.ts';

const LIST = 20;

export async function getHome(ctx: AppContext, actor: Actor): Promise<HomeResponse> {
  requirePermission(actor, 'task.read');
  const now = ctx.clock.now();
  const today = toLocalDate(now, DEFAULT_TZ);
  const roles = new Set(actor.kind === 'user' ? actor.roles : []);
  // Only the counts: the homes list their own tasks and draw no tree or trend.
  const counts = { lists: false, trend: false, tree: false };
  const stats = await getStats(ctx, actor, {}, counts);
  const notSigned = await getStats(ctx, actor, { state: 'assigned' }, counts);
  const remind = maySendReminders(actor);
  const leaderId = actor.kind === 'user' && roles.has('leader') ? actor.id : null;
  const liaisonUnit = actor.kind === 'user' && roles.has('liaison') ? actor.unitId : null;
  const mine = liaisonUnit ? await getStats(ctx, actor, { unitId: liaisonUnit }, counts) : null;
  const since = new Date(now.getTime() - INSTRUCTION_DAYS * 86_400_000).toISOString();

  return {
    health: stats.totals,
    byArea: stats.byArea,
    attention: { red: await listByHealth(ctx, actor, {}, 'red', LIST), yellow: await listByHealth(ctx, actor, {}, 'yellow', LIST) },
    unitsMostOverdue: stats.byUnit.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-Hans')).slice(0, 10),
    unitsNotSigned: notSigned.byUnit.map(({ reports: _reports, ...b }) => b).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-Hans')).slice(0, 10),
    // A leader reads what came of their own 批示; everyone else those on the tasks they see.
    instructions: await instructionOutcomes(ctx.db, ledgerWhere(actor, { kind: ['task', 'subtask', 'area'] }), leaderId, since, LIST),
    // Chasing is the supervisor's job, so only someone who may send a 催办 is shown what nobody has chased.
    overdueUnreminded: remind ? await listMatching(ctx, actor, {}, unremindedWhere(today, OVERDUE_STATES), LIST, 'overdue-unreminded') : { total: 0, items: [] },
    relaysOverdue: await relaysNeedingSupervisor(ctx, actor),
    unit: mine && liaisonUnit ? { id: liaisonUnit, name: (await listUnits(ctx, actor)).find((u) => u.id === liaisonUnit)?.name ?? '', health: mine.totals } : null,
    drill: {
      all: stats.drill.all,
      overdue: stats.drill.overdue,
      notSigned: notSigned.filter,
    },
    abilities: { instruct: mayGiveInstructions(actor), remind, review: mayReviewReports(actor) },
  };
}
