/** Starting and stopping a server process: open, migrate, listen, and shut down cleanly on a signal. */
import type { Config } from './platform/config.ts';
import { createContext, type AppContext } from './platform/context.ts';
import { migrateToLatest, openDatabase, targetFromConfig } from './platform/db/database.ts';
import { buildApp } from './platform/http/app.ts';
import type { App } from './platform/http/types.ts';
import { startScheduler } from './modules/scheduler/index.ts';

export interface RunningServer {
  app: App;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it and starts listening. */
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
  const scheduler = config.schedulerEnabled ? startScheduler(ctx, { log: app.log }) : null;
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
      await app.close();
      await database.close();
    },
  };
}

/** Keeps the process alive until SIGINT/SIGTERM, then stops the server. */
export function stopOnSignal(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      void server.stop().finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
