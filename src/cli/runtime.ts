/**
 * Opening configuration, database and context for a command, with the shared `--data` / `--database-url` options.
 * Commands import what they run inside their action, never at the top: `luoshi --help` then loads commander and the
 * command definitions only, not the database drivers and services.
 */
import type { Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../server/platform/config.ts';
import type { AppContext } from '../server/platform/context.ts';

export interface DataOptions {
  data?: string;
  databaseUrl?: string;
}

/** Adds the options every data-touching command takes. */
export function withDataOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data directory (default ./data, or $LUOSHI_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL (default $DATABASE_URL; empty = SQLite under the data directory)');
}

export function configFrom(opts: DataOptions, extra: ConfigOverrides = {}): Config {
  return loadConfig(process.env, {
    ...(opts.data ? { dataDir: opts.data } : {}),
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...extra,
  });
}

/** Opens and migrates the database, runs `fn`, and always closes the connection. */
export async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const [{ createContext }, { migrateToLatest, openDatabase, targetFromConfig }, { wirePorts }] = await Promise.all([
    import('../server/platform/context.ts'),
    import('../server/platform/db/database.ts'),
    import('../server/ports.ts'),
  ]);
  const database = await openDatabase(targetFromConfig(config));
  try {
    await migrateToLatest(database);
    const ctx = createContext(config, database);
    wirePorts(ctx);
    try {
      return await fn(ctx);
    } finally {
      await ctx.blobs.close();
    }
  } finally {
    await database.close();
  }
}
