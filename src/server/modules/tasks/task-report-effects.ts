/**
 * What an accepted progress report does to its task: its own progress figure, milestones marked done, and the
 * implied 开始承办 (signed → in_progress). Called by the reports module inside the acceptance's transaction;
 * `transitionTask` cannot serve, since it opens its own transaction and the reviewer is not the unit's liaison.
 */
import type { Kysely } from 'kysely';
import { impliedStartOnAcceptedReport } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { refreshTaskAndAncestors } from './task-health.ts';
import { markMilestoneDone, milestoneStatusesOf, moveTaskStateIf, setTaskProgress } from './task-report-effects.repository.ts';
import { insertTaskEvent, type Task } from './tasks.repository.ts';

export interface TaskMilestone {
  id: string;
  title: string;
  done: boolean;
}

/** The task's milestones, to check the ones a report names. */
export async function milestonesOf(db: Kysely<DB>, taskId: string): Promise<TaskMilestone[]> {
  const rows = await milestoneStatusesOf(db, taskId);
  return rows.map((r) => ({ id: r.id, title: r.title, done: r.status === 'done' }));
}

export interface AcceptanceEffects {
  progress: { before: number; after: number } | null;
  milestonesDone: string[];
  started: boolean;
}

/** What an accepted report asks of its task; the reports module works it out from its own data. */
export interface AcceptedReportInput {
  reportId: string;
  /** The task's new own progress figure, or null to leave it. */
  progress: number | null;
  /** Milestones the report says are done. */
  milestoneIdsDone: readonly string[];
}

/**
 * Applies an accepted report to its task in the caller's transaction, each change with its audit event, then
 * refreshes the task's health and its ancestors' roll-ups.
 */
export async function applyAcceptedReport(trx: Kysely<DB>, actor: Actor, task: Task, input: AcceptedReportInput, now: Date): Promise<AcceptanceEffects> {
  const at = now.toISOString();
  const effects: AcceptanceEffects = { progress: null, milestonesDone: [], started: false };
  const context = { reportId: input.reportId, cause: 'report.accepted' };

  const progress = input.progress;
  if (progress !== null && progress !== task.progress) {
    // Like the health light, the figure is derived (from reports), so it does not bump the task's version.
    await setTaskProgress(trx, task.id, progress);
    effects.progress = { before: task.progress, after: progress };
    await appendAudit(trx, actor, { action: 'task.progress_updated', objectType: 'task', objectId: task.id, before: { progress: task.progress }, after: { progress }, context }, now);
  }

  // Only "done" is applied: a report saying a milestone is not done yet is news, not a reason to reopen one.
  const wanted = new Set(input.milestoneIdsDone);
  for (const m of await milestonesOf(trx, task.id)) {
    if (!wanted.has(m.id) || m.done) continue;
    // An edit like a hand-made one, so it bumps the version: a planner holding the old version must reload.
    await markMilestoneDone(trx, m.id, at);
    effects.milestonesDone.push(m.id);
    await appendAudit(trx, actor, { action: 'milestone.updated', objectType: 'milestone', objectId: m.id, before: { done: false }, after: { done: true }, context: { ...context, taskId: task.id } }, now);
  }

  const start = impliedStartOnAcceptedReport(task.state);
  if (start) {
    // Conditional on the state, so a task moved meanwhile by someone else is left as they put it.
    if (await moveTaskStateIf(trx, task.id, task.state, start.to, at)) {
      effects.started = true;
      await insertTaskEvent(trx, {
        id: newId(now.getTime()),
        taskId: task.id,
        at: now,
        actorId: actor.kind === 'user' ? actor.id : null,
        action: start.event,
        from: task.state,
        to: start.to,
        reason: null,
        data: { implied: true, reportId: input.reportId },
      });
      await appendAudit(trx, actor, { action: start.event, objectType: 'task', objectId: task.id, before: { state: task.state }, after: { state: start.to }, context: { ...context, implied: true } }, now);
    }
  }

  await refreshTaskAndAncestors(trx, task.id, now);
  return effects;
}
