/**
 * Derived fields: health lights and rolled-up progress. Recomputed after every change to a task (for it and its
 * ancestors) and by the scheduler for all open tasks, since time alone turns a light from green to red.
 */
import type { Kysely } from 'kysely';
import { returnStreak } from '../../../core/reports/index.ts';
import {
  computeHealth,
  resolveHealthThresholds,
  rollUpProgress,
  worstColour,
  type HealthResult,
  type HealthThresholds,
} from '../../../core/tasks/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { findChildren, findTask, listMilestones, reportFacts, updateDerived, type Task } from './tasks.repository.ts';

async function thresholdsFor(db: Kysely<DB>, programmeId: string): Promise<HealthThresholds> {
  const row = await db.selectFrom('programmes').select('health_thresholds_json').where('id', '=', programmeId).executeTakeFirst();
  const resolved = resolveHealthThresholds(fromJson<Partial<HealthThresholds>>(row?.health_thresholds_json ?? null) ?? {});
  // Stored thresholds were validated on save; fall back to the defaults rather than fail a read if they were not.
  return resolved.ok ? resolved.thresholds : (resolveHealthThresholds({}) as { ok: true; thresholds: HealthThresholds }).thresholds;
}

/** A task's own light, from its dates, milestones, progress and report history. */
export async function computeOwnHealth(db: Kysely<DB>, task: Task, now: Date, thresholds: HealthThresholds): Promise<HealthResult> {
  const milestones = await listMilestones(db, [task.id]);
  const facts = await reportFacts(db, task.id);
  return computeHealth(
    {
      state: task.state,
      dueDate: task.dueDate,
      startDate: task.startDate ?? (task.assignedAt ? task.assignedAt.toISOString().slice(0, 10) : null),
      progress: task.progress,
      milestones: milestones.map((m) => ({ id: m.id, dueDate: m.dueDate, done: m.done })),
      lastAcceptedReportAt: facts.lastAcceptedAt,
      cadence: task.cadence,
      returnsInARow: returnStreak(facts.decisions),
      reviewDate: task.reviewDate,
      // The grace period after 交办 and the report waiting for review (see computeHealth).
      assignedAt: task.assignedAt,
      pendingReportAt: facts.pendingSince,
      indicators: task.indicatorFacts,
      now,
    },
    thresholds,
  );
}

// A parent shows the worst light of itself and its children; when a child is the cause, its reason says which.
function combineWithChildren(own: HealthResult, children: Task[]): HealthResult {
  let worstChild: Task | null = null;
  for (const c of children) {
    if (!c.healthDetail) continue;
    if (worstChild === null || (c.health !== worstChild.health && worstColour([worstChild.health, c.health]) === c.health)) worstChild = c;
  }
  if (!worstChild?.healthDetail || worstColour([own.colour, worstChild.health]) === own.colour) return own;
  const s = worstChild.healthDetail.summary;
  return {
    colour: worstChild.health,
    reasons: [...worstChild.healthDetail.reasons, ...own.reasons],
    summary: {
      'zh-Hans': `子任务“${worstChild.title}”：${s['zh-Hans']}`,
      'zh-Hant': `子任務「${worstChild.title}」：${s['zh-Hant']}`,
      en: `Sub-task “${worstChild.title}”: ${s.en}`,
    },
  };
}

/** Recomputes one task's progress (for parents) and health. */
export async function refreshTask(db: Kysely<DB>, taskId: string, now: Date, thresholds?: HealthThresholds): Promise<Task | null> {
  const task = await findTask(db, taskId);
  if (!task) return null;
  const t = thresholds ?? (await thresholdsFor(db, task.programmeId));
  const children = await findChildren(db, task.id);
  // Children carry their own rolled-up progress, so one level of roll-up per refresh is enough.
  const progress = children.length
    ? rollUpProgress({
        id: task.id,
        state: task.state,
        progress: task.progress,
        children: children.map((c) => ({ id: c.id, state: c.state, progress: c.progress, weight: c.weight })),
      })
    : task.progress;
  const own = await computeOwnHealth(db, { ...task, progress }, now, t);
  const result = children.length ? combineWithChildren(own, children) : own;
  await updateDerived(db, task.id, { progress, health: result.colour, healthDetail: result });
  return { ...task, progress, health: result.colour, healthDetail: result };
}

/** Refreshes a task and every ancestor up to its work area, so roll-ups stay consistent in the same transaction. */
export async function refreshTaskAndAncestors(db: Kysely<DB>, taskId: string, now: Date): Promise<void> {
  let cursor: string | null = taskId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    const refreshed: Task | null = await refreshTask(db, cursor, now);
    cursor = refreshed?.parentId ?? null;
  }
}

/** The scheduler's job: refresh every task of every programme, deepest first so parents see fresh children. */
export async function refreshAllHealth(db: Kysely<DB>, now: Date): Promise<number> {
  const rows = await db.selectFrom('tasks').select(['id', 'programme_id', 'depth']).where('state', '!=', 'closed').orderBy('depth', 'desc').execute();
  const cache = new Map<string, HealthThresholds>();
  for (const r of rows) {
    let t = cache.get(r.programme_id);
    if (!t) cache.set(r.programme_id, (t = await thresholdsFor(db, r.programme_id)));
    await refreshTask(db, r.id, now, t);
  }
  return rows.length;
}
