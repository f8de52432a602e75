/** Starting and stopping a server process: open, migrate, listen, and shut down cleanly on a signal. */
import type { Config } from './platform/config.ts';
import { createContext, type AppContext } from './platform/context.ts';
import { migrateToLatest, openDatabase, targetFromConfig } from './platform/db/database.ts';
import { buildApp } from './app.ts';
import type { App } from './platform/http/types.ts';
import { DB_OPTIMIZE_JOB, DEFAULT_JOBS, startScheduler, type SchedulerLogger } from './modules/scheduler/index.ts';
import { RETENTION_JOB, startImmediateDelivery } from './modules/notices/index.ts';

export interface RunningServer {
  app: App;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/**
 * The scheduler's logger, also feeding the metrics: each finished job (`{ job, ms }`) is timed, and the lag — how far
 * past its interval the next run is overdue — is read at scrape time.
 */
function schedulerLog(app: App, intervalSeconds: number): SchedulerLogger {
  const jobSeconds = app.metrics.histogram('luoshi_scheduler_job_duration_seconds', 'Time each scheduler job took', ['job'], [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60]);
  let lastDone = Date.now();
  app.metrics.gauge('luoshi_scheduler_lag_seconds', 'How far the scheduler is behind its interval (0 when on time)', [], () => [{ value: Math.max(0, (Date.now() - lastDone) / 1000 - intervalSeconds) }]);
  app.metrics.gauge('luoshi_scheduler_last_run_timestamp_seconds', 'When a scheduler job last finished (Unix time)', [], () => [{ value: lastDone / 1000 }]);
  const record = (obj: object) => {
    const { job, ms } = obj as { job?: unknown; ms?: unknown };
    if (typeof job === 'string' && typeof ms === 'number') {
      jobSeconds.observe({ job }, ms / 1000);
      lastDone = Date.now();
    }
  };
  return {
    info: (obj, msg) => {
      record(obj);
      app.log.info(obj, msg);
    },
    warn: (obj, msg) => app.log.warn(obj, msg),
    error: (obj, msg) => {
      // A failed job still ran: the scheduler is alive, which is what the lag measures.
      lastDone = Date.now();
      app.log.error(obj, msg);
    },
  };
}

/**
 * The first scheduler run waits this long after `listen`: its first batch, on a cold process and a cold page cache,
 * held the event loop for a third of a second, just when a restarted instance's readiness probe and its first users
 * arrive. A second later the catch-up runs in its small batches while requests are already being answered.
 */
const FIRST_RUN_DELAY_MS = 1000;

/** Opens the database, migrates it and starts listening; nothing heavy runs before the first `/api/health`. */
export async function startServer(config: Config, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const database = await openDatabase(targetFromConfig(config));
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const ctx = createContext(config, database);
  // A process killed while writing a blob leaves its temporary file; nothing refers to it, so it can go.
  const sweepBlobs = () => ctx.blobs.removeStaleTemporaryFiles(config.blobTempGraceSeconds * 1000).catch(() => 0);
  await sweepBlobs();
  const app = await buildApp(ctx, { logger: options.logger === false ? false : { level: config.logLevel } });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await database.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${config.port} is already in use; choose another with --port`, { cause: err });
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const blobSweeper = setInterval(() => void sweepBlobs(), 3_600_000);
  blobSweeper.unref();
  const immediate = config.immediateNotices ? await startImmediateDelivery(ctx, { log: app.log }) : null;
  const scheduler = config.schedulerEnabled
    ? startScheduler(ctx, { jobs: [...DEFAULT_JOBS, RETENTION_JOB, DB_OPTIMIZE_JOB], log: schedulerLog(app, config.schedulerIntervalSeconds), firstRunDelayMs: FIRST_RUN_DELAY_MS })
    : null;
  let stopped = false;
  return {
    app,
    ctx,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(blobSweeper);
      await scheduler?.stop();
      await immediate?.stop();
      await app.close();
      await ctx.blobs.close();
      await database.close();
    },
  };
}

/**
 * Keeps the process alive until SIGINT/SIGTERM, then stops the server: no new connections, requests in flight
 * answered, the scheduler's current run finished, the database closed. If that takes longer than
 * `shutdownTimeoutSeconds`, the process exits with code 1 rather than hang.
 */
export function stopOnSignal(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      server.app.log.info('stopping: finishing requests in flight');
      const deadline = setTimeout(() => {
        server.app.log.error({ seconds: server.ctx.config.shutdownTimeoutSeconds }, 'requests still in flight at the shutdown deadline; exiting');
        process.exit(1);
      }, server.ctx.config.shutdownTimeoutSeconds * 1000);
      deadline.unref();
      void server.stop().finally(() => {
        clearTimeout(deadline);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
