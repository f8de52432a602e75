/** `luoshi migrate`: bring the database schema up to date. */
import { Command } from 'commander';
import { configFrom, withDataOptions, type DataOptions } from '../runtime.ts';

export async function migrateCommand(): Promise<Command> {
  return withDataOptions(new Command('migrate'))
    .description('apply pending database migrations and exit')
    .action(async (opts: DataOptions) => {
      const config = configFrom(opts);
      const { migrateToLatest, openDatabase, targetFromConfig } = await import('../../server/platform/db/database.ts');
      const database = await openDatabase(targetFromConfig(config));
      try {
        const applied = await migrateToLatest(database);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
      } finally {
        await database.close();
      }
    });
}
