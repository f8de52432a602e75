/**
 * The background loop: every `schedulerIntervalSeconds`, run the jobs in order (by default the notice sweep, then
 * delivery). Runs never overlap within a process, a failing job is logged and the next one still runs, and nothing
 * here is exclusive across processes — every job is safe to run on any number of instances at once.
 */
import type { AppContext } from '../../platform/context.ts';
import { NOTICE_JOBS } from '../notices/index.ts';
import { refreshAllHealth } from '../tasks/index.ts';
import { RELAY_REMINDER_JOB } from '../relays/index.ts';

export interface SchedulerJob {
  name: string;
  /** Does one round of work as of `now`; must be safe to run concurrently on several instances. */
  run(ctx: AppContext, now: Date): Promise<unknown>;
  /** Releases what `run` opened (transports), when the scheduler stops. */
  close?(ctx: AppContext): Promise<void> | void;
}

/** The subset of a pino logger the scheduler writes to (Fastify's `app.log` fits). */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const HEALTH_EVERY_MS = 10 * 60_000;
const lastHealthRun = new WeakMap<AppContext, number>();

/**
 * Time alone turns a light from green to blue to red, so every open task's health is recomputed — every ten
 * minutes rather than every tick, since a light changes with the calendar day, not the minute.
 */
export const HEALTH_JOB: SchedulerJob = {
  name: 'tasks.health',
  async run(ctx, now) {
    const last = lastHealthRun.get(ctx);
    if (last !== undefined && now.getTime() - last < HEALTH_EVERY_MS) return 0;
    lastHealthRun.set(ctx, now.getTime());
    return refreshAllHealth(ctx.db, now);
  },
};

/** What runs when no job list is given: health first (reminders read fresh lights), then the notice sweep and delivery. */
export const DEFAULT_JOBS: readonly SchedulerJob[] = [HEALTH_JOB, RELAY_REMINDER_JOB, ...NOTICE_JOBS];

export interface SchedulerOptions {
  jobs?: readonly SchedulerJob[];
  log?: SchedulerLogger;
  /** Pause between the end of one run and the start of the next; defaults to `config.schedulerIntervalSeconds`. */
  intervalMs?: number;
}

export interface Scheduler {
  /** Stops the loop, waits for a run in progress to finish, and closes the jobs' transports. */
  stop(): Promise<void>;
  /** Runs the jobs now (after any run in progress), outside the timer. */
  runNow(): Promise<void>;
}

const consoleLogger: SchedulerLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

/** Runs each job once, in order; a job that throws is logged and does not stop the ones after it. */
export async function runJobs(ctx: AppContext, jobs: readonly SchedulerJob[], log: SchedulerLogger = consoleLogger): Promise<void> {
  for (const job of jobs) {
    const started = Date.now();
    try {
      const result = await job.run(ctx, ctx.clock.now());
      const problems = result && typeof result === 'object' && 'problems' in result && Array.isArray(result.problems) ? result.problems : [];
      if (problems.length) log.warn({ job: job.name, problems: problems.slice(0, 20), count: problems.length }, 'scheduler job reported problems');
      log.info({ job: job.name, ms: Date.now() - started, result }, 'scheduler job done');
    } catch (err) {
      log.error({ job: job.name, err }, 'scheduler job failed');
    }
  }
}

/** Starts the loop; the first run starts at once, so a restart after downtime catches up immediately. */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): Scheduler {
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const log = options.log ?? consoleLogger;
  const intervalMs = options.intervalMs ?? ctx.config.schedulerIntervalSeconds * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // One chain of runs per process: a run starts only after the previous one settled, so runs never overlap.
  let current: Promise<void> = Promise.resolve();

  const enqueue = (): Promise<void> => {
    const next = current.then(() => (stopped ? undefined : runJobs(ctx, jobs, log)));
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
  schedule(0);

  return {
    async runNow() {
      await enqueue();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
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
