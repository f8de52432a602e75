/** `luoshi migrate`: bring the database schema up to date, or with `--check` say whether this build fits the database. */
import { Command } from 'commander';
// Type only: the database code is loaded when the command runs, so `luoshi --help` stays fast.
import type { MigrationState } from '../../server/platform/db/migration-status.ts';
import { configFrom, withDataOptions, type DataOptions } from '../runtime.ts';

/** Exit codes of `migrate --check`, documented in docs/OPERATIONS.md. */
export const CHECK_EXIT: Record<MigrationState, number> = {
  'up-to-date': 0,
  ahead: 0,
  behind: 2,
  'ahead-incompatible': 3,
  'behind-contract': 4,
};

const EXPLAIN: Record<MigrationState, string> = {
  'up-to-date': 'The database has exactly this build’s migrations.',
  ahead: 'The database was migrated by a newer build; what this build does not know is additive, so it can still serve.',
  behind: 'This build has migrations to apply; all are additive, so instances of the previous build keep working after `luoshi migrate`.',
  'ahead-incompatible': 'The database was migrated by a newer build with a contract migration: this build must not serve it.',
  'behind-contract': 'This build has a contract migration to apply: first replace every instance older than the previous release, then run `luoshi migrate`.',
};

export async function migrateCommand(): Promise<Command> {
  return withDataOptions(new Command('migrate'))
    .description('apply pending database migrations and exit')
    .option('--check', 'apply nothing; report whether this build fits the database (exit 0 compatible, 2 behind, 3 incompatible, 4 contract pending)')
    .option('--json', 'with --check: print the status as JSON')
    .action(async (opts: DataOptions & { check?: boolean; json?: boolean }) => {
      const config = configFrom(opts);
      const { migrateToLatest, openDatabase, targetFromConfig } = await import('../../server/platform/db/database.ts');
      const database = await openDatabase(targetFromConfig(config));
      try {
        if (opts.check) {
          const { migrationStatus } = await import('../../server/platform/db/migration-status.ts');
          const status = await migrationStatus(database);
          if (opts.json) process.stdout.write(`${JSON.stringify(status)}\n`);
          else {
            process.stdout.write(`${status.state}: ${EXPLAIN[status.state]}\n`);
            if (status.pending.length) process.stdout.write(`Pending: ${status.pending.join(', ')}\n`);
            if (status.unknown.length) process.stdout.write(`Unknown to this build: ${status.unknown.join(', ')}\n`);
          }
          process.exitCode = CHECK_EXIT[status.state];
          return;
        }
        const applied = await migrateToLatest(database);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
      } finally {
        await database.close();
      }
    });
}
