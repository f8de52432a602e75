/**
 * The reminder sweep (催办 / 督办): read the open tasks page by page, ask the core which notices are due now, and
 * record each new one. Any number of instances may sweep at once; the unique dedupe key decides which one records
 * a notice, and only that one creates its recipients and deliveries.
 */
import { defaultReminderConfig, dueNotices, reminderConfigProblems, type Audience, type Notice, type ReminderConfig } from '../../../core/notices/index.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { fromJson } from '../../platform/db/json.ts';
import * as repo from './notices.repository.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import { loadSweepPage, SWEPT_STATES, taskVersion, type SweepCursor, type SweepTask } from './read-model.ts';
import { recordNotice, type RecipientSpec } from './record-notice.ts';
import { reportStatesOf } from './report-port.ts';

export interface SweepOptions {
  /** Tasks read per page (default 200). */
  pageSize?: number;
  /** Stops the sweep between pages (the scheduler aborts it on shutdown); the next sweep catches up. */
  signal?: AbortSignal;
}

export interface SweepResult {
  /** Open tasks looked at. */
  tasks: number;
  /** Notices due now (new or already recorded). */
  due: number;
  /** Notices this sweep recorded. */
  created: number;
  /** Due notices another sweep (or an earlier one) had already recorded. */
  existing: number;
  /** Notices left for the next sweep because the task changed while this one ran. */
  stale: number;
  /** Settings that could not be used (a bad programme reminder configuration, a bad cadence) and failed notices. */
  problems: string[];
  /** True when the signal stopped the sweep before its last page. */
  aborted?: boolean;
}

function validTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A programme's reminder override merged over the defaults. A broken override falls back to the defaults (and is
 * reported) rather than silencing every reminder of the programme.
 */
export function resolveReminderConfig(stored: string | null): { config: ReminderConfig; problems: string[] } {
  if (!stored) return { config: defaultReminderConfig, problems: [] };
  let override: Partial<ReminderConfig> | null;
  try {
    override = fromJson<Partial<ReminderConfig>>(stored);
  } catch {
    return { config: defaultReminderConfig, problems: ['reminder configuration is not valid JSON'] };
  }
  if (override === null || typeof override !== 'object' || Array.isArray(override)) {
    return { config: defaultReminderConfig, problems: ['reminder configuration must be an object'] };
  }
  const config: ReminderConfig = { ...defaultReminderConfig, ...override };
  const problems = [
    ...(Array.isArray(config.remindDaysBefore) && Array.isArray(config.milestoneRemindDaysBefore) ? reminderConfigProblems(config) : ['day lists must be arrays']),
    ...(validTimeZone(config.tz) ? [] : [`unknown time zone ${JSON.stringify(config.tz)}`]),
  ];
  return problems.length ? { config: defaultReminderConfig, problems } : { config, problems: [] };
}

/** The people an audience of a rule notice means. */
function recipientsOf(notice: Notice): RecipientSpec[] {
  const specs: RecipientSpec[] = [];
  const seen = new Set<Audience>();
  for (const a of notice.audience) {
    if (seen.has(a)) continue;
    seen.add(a);
    if (a === 'lead_unit' || a === 'co_unit') specs.push({ kind: 'unit_liaisons', unitIds: [notice.unitId] });
    else if (a === 'unit_head') specs.push({ kind: 'unit_head', unitIds: [notice.unitId] });
    else specs.push({ kind: 'users', userIds: notice.supervisorIds });
  }
  return specs;
}

/** Records the reminders and escalations due at `now`; safe to run late, twice, or on several instances at once. */
export async function sweepNotices(ctx: AppContext, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const pageSize = options.pageSize ?? 200;
  const actor = systemActor('scheduler');
  const result: SweepResult = { tasks: 0, due: 0, created: 0, existing: 0, stale: 0, problems: [] };
  const configs = new Map<string, ReminderConfig>();
  const resolveConfig = (programmeId: string, stored: string | null): ReminderConfig => {
    let config = configs.get(programmeId);
    if (!config) {
      const resolved = resolveReminderConfig(stored);
      for (const p of resolved.problems) result.problems.push(`programme ${programmeId}: ${p}; using the defaults`);
      config = resolved.config;
      configs.set(programmeId, config);
    }
    return config;
  };

  const reports = reportStatesOf(ctx);
  let cursor: SweepCursor | null = null;
  for (;;) {
    if (options.signal?.aborted) {
      result.aborted = true;
      break;
    }
    const page = await loadSweepPage(ctx.db, cursor, pageSize, resolveConfig, reports);
    result.tasks += page.tasks.length;
    const due: Array<{ task: SweepTask; notice: Notice }> = [];
    for (const task of page.tasks) {
      result.problems.push(...task.problems);
      for (const notice of dueNotices(task.snapshot, now, task.config)) due.push({ task, notice });
    }
    result.due += due.length;
    const known = await repo.existingDedupeKeys(ctx.db, due.map((d) => d.notice.dedupeKey));
    for (const [i, { task, notice }] of due.entries()) {
      // Each notice is its own short transaction; between them, requests get their turn.
      if (i > 0) await yieldToEventLoop();
      if (known.has(notice.dedupeKey)) {
        result.existing += 1;
        continue;
      }
      try {
        const outcome = await ctx.db.transaction().execute(async (trx) => {
          // The snapshot may be seconds old: a task closed, suspended or rescheduled since must not be chased on
          // stale facts. The next sweep looks again with fresh ones.
          const current = await taskVersion(trx, task.snapshot.id);
          if (!current || current.version !== task.version || !(SWEPT_STATES as readonly string[]).includes(current.state)) return 'stale' as const;
          const recorded = await recordNotice(
            trx,
            ctx,
            {
              actor,
              to: recipientsOf(notice),
              notice: {
                dedupeKey: notice.dedupeKey,
                taskId: notice.taskId,
                programmeId: task.programmeId,
                kind: notice.kind,
                rule: notice.rule,
                period: notice.period,
                unitId: notice.unitId,
                milestoneId: notice.milestoneId,
                audience: [...notice.audience],
                supervisorIds: [...notice.supervisorIds],
                params: notice.params,
                taskTitle: notice.taskTitle,
                triggerAt: notice.triggerAt,
                createdBy: null,
              },
            },
            now,
          );
          return recorded.created ? ('created' as const) : ('existing' as const);
        });
        result[outcome] += 1;
      } catch (err) {
        if (isUniqueViolation(err)) {
          result.existing += 1;
          continue;
        }
        // One failing notice (a row removed under it, say) must not stop the others; the next sweep retries it.
        result.problems.push(`notice ${notice.dedupeKey}: ${(err as Error).message}`);
      }
    }
    if (!page.next) break;
    cursor = page.next;
    // better-sqlite3 answers synchronously: without this, a sweep of every open task would hold the event loop.
    await yieldToEventLoop();
  }
  return result;
}
