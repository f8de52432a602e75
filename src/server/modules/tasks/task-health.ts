/**
 * Derived fields: health lights and rolled-up progress. Recomputed in the transaction that changes a task's inputs
 * (for it and its ancestors), and by the health job only for the tasks whose light time alone can change now: each
 * task stores the instant its light next changes (`health_changes_at`, from the core's `nextHealthChange`), and the
 * job reads the tasks past that instant through its index, in bounded batches, yielding between them.
 */
import type { Kysely } from 'kysely';
import { returnStreak } from '../../../core/reports/index.ts';
import {
  computeHealth,
  nextHealthChange,
  resolveHealthThresholds,
  rollUpProgress,
  worstColour,
  type HealthInput,
  type HealthResult,
  type HealthThresholds,
} from '../../../core/tasks/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import { findTasks, healthInputsOf, markAllHealthDue, tasksWithHealthDue, updateDerived, type ChildFacts, type HealthInputs, type Task } from './tasks.repository.ts';

/**
 * A light is looked at again at least this often even when no rule will flip: its reasons' day counts ("due in 5
 * days") stay roughly current, and a rule the schedule missed could not leave a light wrong for long.
 */
export const HEALTH_REVISIT_MS = 7 * 86_400_000;
/**
 * Tasks in the health job's first batch; later batches are sized to take about `HEALTH_BATCH_MS` each. Small, because
 * the first batch runs on cold code and a cold page cache (50 tasks held the loop 330 ms at 20,000 tasks).
 */
export const HEALTH_BATCH = 10;
/** What one batch (one transaction, the event loop held throughout on SQLite) should take. */
export const HEALTH_BATCH_MS = 20;

const DEFAULT_THRESHOLDS = (resolveHealthThresholds({}) as { ok: true; thresholds: HealthThresholds }).thresholds;

function thresholdsFrom(json: string | null): HealthThresholds {
  const resolved = resolveHealthThresholds(fromJson<Partial<HealthThresholds>>(json) ?? {});
  // Stored thresholds were validated on save; fall back to the defaults rather than fail a read if they were not.
  return resolved.ok ? resolved.thresholds : DEFAULT_THRESHOLDS;
}

// A parent shows the worst light of itself and its children; when a child is the cause, its reason says which.
function combineWithChildren(own: HealthResult, children: readonly ChildFacts[]): HealthResult {
  let worstChild: ChildFacts | null = null;
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

/** When the stored light must be looked at again: its next change by time, at most a revisit period away. */
function revisitAt(task: Task, input: HealthInput, t: HealthThresholds, now: Date): Date | null {
  if (task.state === 'draft' || task.state === 'closed') return null;
  const next = nextHealthChange(input, t);
  const cap = now.getTime() + HEALTH_REVISIT_MS;
  return new Date(next ? Math.min(next.getTime(), cap) : cap);
}

/**
 * Recomputes progress (for parents) and health of the given tasks with a fixed number of queries, deepest first so
 * that a parent in the same set reads its children's fresh lights. Returns the refreshed tasks.
 */
export async function refreshTasks(db: Kysely<DB>, ids: readonly string[], now: Date, held: readonly Task[] = [], heldInputs: ReadonlyMap<string, HealthInputs> = new Map()): Promise<Task[]> {
  const wanted = new Set(ids);
  const known = held.filter((t) => wanted.has(t.id));
  const missing = [...wanted].filter((id) => !known.some((t) => t.id === id));
  const tasks = [...known, ...(missing.length ? await findTasks(db, missing) : [])].sort((a, b) => b.depth - a.depth);
  if (tasks.length === 0) return [];
  // The programme's thresholds, children, milestones and report facts of every task: one statement.
  const toRead = tasks.map((t) => t.id).filter((id) => !heldInputs.has(id));
  const inputs = new Map([...heldInputs, ...(toRead.length ? await healthInputsOf(db, toRead) : [])]);

  const fresh = new Map<string, Task>();
  for (const task of tasks) {
    const f = inputs.get(task.id) ?? { thresholdsJson: null, children: [], milestones: [], lastAcceptedAt: null, pendingSince: null, decisions: [] };
    const t = thresholdsFrom(f.thresholdsJson);
    const kids = f.children.map((c) => {
      const r = fresh.get(c.id);
      return r ? { ...c, state: r.state, progress: r.progress, health: r.health, healthDetail: r.healthDetail } : c;
    });
    // Children carry their own rolled-up progress, so one level of roll-up per refresh is enough.
    const progress = kids.length
      ? rollUpProgress({ id: task.id, state: task.state, progress: task.progress, children: kids.map((c) => ({ id: c.id, state: c.state, progress: c.progress, weight: c.weight })) })
      : task.progress;
    const input: HealthInput = {
      state: task.state,
      dueDate: task.dueDate,
      startDate: task.startDate ?? (task.assignedAt ? task.assignedAt.toISOString().slice(0, 10) : null),
      progress,
      milestones: f.milestones.map((m) => ({ id: m.id, dueDate: m.dueDate, done: m.done })),
      lastAcceptedReportAt: f.lastAcceptedAt,
      cadence: task.cadence,
      returnsInARow: returnStreak(f.decisions),
      reviewDate: task.reviewDate,
      // The grace period after 交办 and the report waiting for review (see computeHealth).
      assignedAt: task.assignedAt,
      pendingReportAt: f.pendingSince,
      // Off-track indicators (对标对表); time moving their expected value is caught by the revisit below.
      indicators: task.indicatorFacts,
      now,
    };
    const own = computeHealth(input, t);
    const result = kids.length ? combineWithChildren(own, kids) : own;
    await updateDerived(db, task.id, { progress, health: result.colour, healthDetail: result, healthChangesAt: revisitAt(task, input, t, now) });
    fresh.set(task.id, { ...task, progress, health: result.colour, healthDetail: result });
  }
  return tasks.map((t) => fresh.get(t.id)!);
}

/**
 * Refreshes the tasks and every ancestor up to their work areas, level by level, so roll-ups stay consistent.
 * `held`: tasks the caller already read in this transaction and has not changed since, so they are not read again.
 */
export async function refreshTasksAndAncestors(
  db: Kysely<DB>,
  ids: readonly string[],
  now: Date,
  held: readonly Task[] = [],
  heldInputs: ReadonlyMap<string, HealthInputs> = new Map(),
): Promise<void> {
  let level = [...new Set(ids)];
  for (let depth = 0; level.length > 0 && depth < 100; depth++) {
    const refreshed = await refreshTasks(db, level, now, depth === 0 ? held : [], depth === 0 ? heldInputs : new Map());
    level = [...new Set(refreshed.map((t) => t.parentId).filter((p): p is string => p !== null))];
  }
}

/**
 * Refreshes a task and every ancestor up to its work area, in the caller's transaction (`held` as above). `inputs`: the
 * task's health inputs as they stand now (the caller read them with the task and knows how its write changed them).
 */
export async function refreshTaskAndAncestors(db: Kysely<DB>, taskId: string, now: Date, held?: Task, inputs?: HealthInputs): Promise<void> {
  await refreshTasksAndAncestors(db, [taskId], now, held ? [held] : [], inputs ? new Map([[taskId, inputs]]) : new Map());
}

export interface HealthJobOptions {
  /** Tasks per batch, fixed; by default the size adapts so a batch takes about `HEALTH_BATCH_MS`. */
  batchSize?: number;
  /** Stops the job between batches (the scheduler aborts it on shutdown). */
  signal?: AbortSignal;
}

export interface HealthJobResult {
  /** Tasks whose light was recomputed (ancestors not counted). */
  tasks: number;
  batches: number;
  /** True when the signal stopped the job before it ran out of due tasks. */
  aborted: boolean;
}

/**
 * The health job: the tasks whose light time can have changed by `now`, in batches of one transaction each, with
 * the event loop given back between batches. Each refreshed task's next date lies after `now`, so the job ends.
 */
export async function refreshDueHealth(db: Kysely<DB>, now: Date, options: HealthJobOptions = {}): Promise<HealthJobResult> {
  let batchSize = options.batchSize ?? HEALTH_BATCH;
  const result: HealthJobResult = { tasks: 0, batches: 0, aborted: false };
  const seen = new Set<string>();
  for (;;) {
    if (options.signal?.aborted) {
      result.aborted = true;
      break;
    }
    const ids = await tasksWithHealthDue(db, now, batchSize);
    if (ids.length === 0) break;
    // A refreshed task never comes due again in the same run; if one did, stop rather than loop.
    if (ids.some((id) => seen.has(id))) throw new Error(`health of task ${ids.find((id) => seen.has(id))} is still due after its refresh`);
    for (const id of ids) seen.add(id);
    const started = performance.now();
    await db.transaction().execute((trx) => refreshTasksAndAncestors(trx, ids, now));
    // The machine decides how many tasks fit in a batch: aim for HEALTH_BATCH_MS, change by at most 2× per step.
    if (options.batchSize === undefined && ids.length === batchSize) {
      const ratio = HEALTH_BATCH_MS / Math.max(1, performance.now() - started);
      batchSize = Math.round(Math.min(500, Math.max(10, batchSize * Math.min(2, Math.max(0.5, ratio)))));
    }
    result.tasks += ids.length;
    result.batches += 1;
    await yieldToEventLoop();
  }
  return result;
}

/**
 * Schedules a programme's open tasks for recomputation after its health rules changed: they become due at once and the
 * next health job run (within minutes) refreshes them in its batches — the request that changed the rules stays short.
 */
export async function scheduleProgrammeHealth(db: Kysely<DB>, programmeId: string): Promise<number> {
  return markAllHealthDue(db, programmeId);
}

/** Recomputes every open task's light (after a change of rules, say), in the health job's batches. */
export async function refreshAllHealth(db: Kysely<DB>, now: Date, options: HealthJobOptions = {}): Promise<number> {
  await markAllHealthDue(db);
  return (await refreshDueHealth(db, now, options)).tasks;
}
