/**
 * A task's single timeline: its transitions, the reports and reviews the caller may read, leaders' instructions,
 * and the notices about it. It joins several modules' records through their exported reads, so it lives above them.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { listInstructionsOfTask } from '../instructions/index.ts';
import { taskNoticeHistory } from '../notices/index.ts';
import { canSeeReport, listReportEventsOfTask, reportScopeOf } from '../reports/index.ts';
import { listTaskEvents, loadTask } from '../tasks/index.ts';
import { displayNamesOf } from '../users/index.ts';

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
  const reportScope = reportScopeOf(actor, capacities);
  // Overseers read every notice about the task; anyone else reads the ones that were sent to them.
  const overseer = actor.kind === 'system' || capacities.has('supervisor') || capacities.has('leader') || capacities.has('admin');
  const [events, reportEvents, instructions, notices] = await Promise.all([
    listTaskEvents(ctx.db, taskId),
    listReportEventsOfTask(ctx.db, taskId),
    listInstructionsOfTask(ctx.db, taskId),
    taskNoticeHistory(ctx.db, taskId, overseer ? { all: true } : { all: false, userId: actor.kind === 'user' ? actor.id : '' }),
  ]);

  const base: Array<Omit<TimelineEntry, 'actorName'>> = [
    ...events.map((e) => ({ at: e.at, kind: 'transition' as const, action: e.action, actorId: e.actorId, fromState: e.fromState, toState: e.toState, reason: e.reason, data: e.data })),
    ...reportEvents
      .filter((r) => canSeeReport(reportScope, r.unitId))
      .map((r) => ({ at: r.at, kind: 'report' as const, action: r.type, actorId: r.actorId, fromState: null, toState: null, reason: r.reason, data: { reportId: r.reportId, unitId: r.unitId, periodKey: r.periodKey, revision: r.revision } })),
    ...instructions.map((i) => ({ at: i.createdAt, kind: 'instruction' as const, action: 'instruction.created', actorId: i.authorId, fromState: null, toState: null, reason: null, data: { id: i.id, text: i.text, reportId: i.reportId } })),
    ...notices.map((n) => ({ at: n.at, kind: 'notice' as const, action: `notice.${n.kind}`, actorId: n.createdBy, fromState: null, toState: null, reason: null, data: { id: n.id, rule: n.rule, text: n.text } })),
  ];
  const names = await displayNamesOf(ctx.db, base.map((e) => e.actorId).filter((id): id is string => id !== null));
  const entries: TimelineEntry[] = base.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null }));
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
