/**
 * A task's single timeline: its transitions, the reports and reviews the caller may read, leaders' instructions,
 * and the notices about it. It joins several modules' records, so it lives above them.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/json.ts';
import { taskNoticeHistory } from '../notices/index.ts';
import { canSeeReport, reportScopeOf } from '../reports/index.ts';
import { loadTask } from '../tasks/index.ts';

export interface TimelineEntry {
  at: Date;
  kind: 'transition' | 'report' | 'instruction' | 'notice';
  action: string;
  actorId: string | null;
  /** Display name of the actor, so readers without access to the user directory still see who acted. */
  actorName: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
}

export async function getTimeline(ctx: AppContext, actor: Actor, taskId: string): Promise<TimelineEntry[]> {
  requirePermission(actor, 'task.read');
  const { capacities } = await loadTask(ctx.db, actor, taskId);
  const events = await ctx.db.selectFrom('task_events').selectAll().where('task_id', '=', taskId).orderBy('at').orderBy('id').execute();
  const instructions = await ctx.db.selectFrom('instructions').selectAll().where('task_id', '=', taskId).execute();
  const reportScope = reportScopeOf(actor, capacities);
  const reportEvents = (
    await ctx.db
      .selectFrom('report_events')
      .innerJoin('reports', 'reports.id', 'report_events.report_id')
      .select(['report_events.id', 'report_events.type', 'report_events.at', 'report_events.actor_id', 'report_events.reason', 'report_events.revision', 'reports.id as report_id', 'reports.unit_id', 'reports.period_key'])
      .where('reports.task_id', '=', taskId)
      .execute()
  ).filter((r) => canSeeReport(reportScope, r.unit_id));
  // Overseers read every notice about the task; anyone else reads the ones that were sent to them.
  const overseer = actor.kind === 'system' || capacities.has('supervisor') || capacities.has('leader') || capacities.has('admin');
  const notices = await taskNoticeHistory(ctx.db, taskId, overseer ? { all: true } : { all: false, userId: actor.kind === 'user' ? actor.id : '' });

  const base: Array<Omit<TimelineEntry, 'actorName'>> = [
    ...events.map((e) => ({ at: new Date(e.at), kind: 'transition' as const, action: e.action, actorId: e.actor_id, fromState: e.from_state, toState: e.to_state, reason: e.reason, data: fromJson(e.data_json) })),
    ...reportEvents.map((r) => ({ at: new Date(r.at), kind: 'report' as const, action: r.type, actorId: r.actor_id, fromState: null, toState: null, reason: r.reason, data: { reportId: r.report_id, unitId: r.unit_id, periodKey: r.period_key, revision: Number(r.revision) } })),
    ...instructions.map((i) => ({ at: new Date(i.created_at), kind: 'instruction' as const, action: 'instruction.created', actorId: i.author_id, fromState: null, toState: null, reason: null, data: { id: i.id, text: i.text, reportId: i.report_id } })),
    ...notices.map((n) => ({ at: n.at, kind: 'notice' as const, action: `notice.${n.kind}`, actorId: n.createdBy, fromState: null, toState: null, reason: null, data: { id: n.id, rule: n.rule, text: n.text } })),
  ];
  const actorIds = [...new Set(base.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const names = new Map(
    actorIds.length ? (await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()).map((u) => [u.id, u.display_name]) : [],
  );
  const entries: TimelineEntry[] = base.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null }));
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
