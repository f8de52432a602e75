/**
 * The background loop: every `schedulerIntervalSeconds`, run the jobs in order (by default the notice sweep, then
 * delivery). Runs never overlap within a process, a failing job is logged and the next one still runs, and nothing
 * here is exclusive across processes — every job is safe to run on any number of instances at once.
 */
import type { AppContext } from '../../platform/context.ts';
import { optimizeDatabase } from '../../platform/db/database.ts';
import { NOTICE_JOBS } from '../notices/index.ts';
import { takeHealthSnapshots } from '../stats/index.ts';
import { refreshDueHealth } from '../tasks/index.ts';
import { RELAY_REMINDER_JOB } from '../relays/index.ts';

export interface SchedulerJob {
  name: string;
  /**
   * Does one round of work as of `now`; must be safe to run concurrently on several instances. Long jobs work in
   * batches, give the event loop back between them, and stop between batches once `signal` is aborted.
   */
  run(ctx: AppContext, now: Date, signal: AbortSignal): Promise<unknown>;
  /** Releases what `run` opened (transports), when the scheduler stops. */
  close?(ctx: AppContext): Promise<void> | void;
}

/** The subset of a pino logger the scheduler writes to (Fastify's `app.log` fits). */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Time alone turns a light from green to blue to red: every tick, the tasks whose stored next-change instant has
 * passed are recomputed (an indexed query that finds nothing most of the time), in batches that yield.
 */
export const HEALTH_JOB: SchedulerJob = {
  name: 'tasks.health',
  run: (ctx, now, signal) => refreshDueHealth(ctx.db, now, { signal }),
};

/** Once per local day, after the lights are fresh: the dashboards' trend history (idempotent across instances). */
export const SNAPSHOT_JOB: SchedulerJob = {
  name: 'stats.snapshots',
  run: (ctx, now) => takeHealthSnapshots(ctx, now),
};

/** What runs when no job list is given: health first (reminders read fresh lights), snapshots, relay reminders, then the notice sweep and delivery. */
export const DEFAULT_JOBS: readonly SchedulerJob[] = [HEALTH_JOB, SNAPSHOT_JOB, RELAY_REMINDER_JOB, ...NOTICE_JOBS];

export interface SchedulerOptions {
  jobs?: readonly SchedulerJob[];
  log?: SchedulerLogger;
  /** Pause between the end of one run and the start of the next; defaults to `config.schedulerIntervalSeconds`. */
  intervalMs?: number;
  /** Wait before the first run (0: at once). */
  firstRunDelayMs?: number;
}

export interface Scheduler {
  /** Stops the loop, stops a run in progress at its next batch boundary, waits for it, and closes the jobs' transports. */
  stop(): Promise<void>;
  /** Runs the jobs now (after any run in progress), outside the timer. */
  runNow(): Promise<void>;
}

const consoleLogger: SchedulerLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

/**
 * Runs each job once, in order; a job that throws is logged and does not stop the ones after it. Once `signal` is
 * aborted (shutdown), each batched job stops at its next batch boundary (or does nothing, if it had not started).
 */
export async function runJobs(ctx: AppContext, jobs: readonly SchedulerJob[], log: SchedulerLogger = consoleLogger, signal: AbortSignal = new AbortController().signal): Promise<void> {
  for (const job of jobs) {
    const started = Date.now();
    try {
      const result = await job.run(ctx, ctx.clock.now(), signal);
      const problems = result && typeof result === 'object' && 'problems' in result && Array.isArray(result.problems) ? result.problems : [];
      if (problems.length) log.warn({ job: job.name, problems: problems.slice(0, 20), count: problems.length }, 'scheduler job reported problems');
      log.info({ job: job.name, ms: Date.now() - started, result }, 'scheduler job done');
    } catch (err) {
      log.error({ job: job.name, err }, 'scheduler job failed');
    }
  }
}

/** Starts the loop; the first run starts at once (or after `firstRunDelayMs`), so a restart after downtime catches up. */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): Scheduler {
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const log = options.log ?? consoleLogger;
  const intervalMs = options.intervalMs ?? ctx.config.schedulerIntervalSeconds * 1000;
  let stopped = false;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  // One chain of runs per process: a run starts only after the previous one settled, so runs never overlap.
  let current: Promise<void> = Promise.resolve();

  const enqueue = (): Promise<void> => {
    const next = current.then(() => (stopped ? undefined : runJobs(ctx, jobs, log, abort.signal)));
    current = next.catch(() => {});
    return next;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void enqueue().finally(() => schedule(intervalMs));
    }, delay);
    // The HTTP server keeps the process alive; the scheduler alone must not.
    timer.unref();
  };
  schedule(options.firstRunDelayMs ?? 0);

  return {
    async runNow() {
      await enqueue();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // A run in progress stops between batches rather than finishing every due task.
      abort.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
      for (const job of jobs) {
        try {
          await job.close?.(ctx);
        } catch (err) {
          log.error({ job: job.name, err }, 'scheduler job failed to close');
        }
      }
    },
  };
}

const OPTIMIZE_EVERY_MS = 6 * 3_600_000;
const lastOptimize = new WeakMap<AppContext, number>();

/**
 * Keeps the planner's statistics fresh as data grows (ANALYZE on PostgreSQL, `PRAGMA optimize` on SQLite). Migration
 * already did it at start, so the first run only starts the clock.
 */
export const DB_OPTIMIZE_JOB: SchedulerJob = {
  name: 'db.optimize',
  async run(ctx, now) {
    const last = lastOptimize.get(ctx);
    if (last !== undefined && now.getTime() - last < OPTIMIZE_EVERY_MS) return false;
    lastOptimize.set(ctx, now.getTime());
    if (last === undefined) return false;
    await optimizeDatabase(ctx.database, ctx.database.kind === 'postgres');
    return true;
  },
};
