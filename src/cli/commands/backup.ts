/** `luoshi backup` and `luoshi restore`: one archive with the database, the files and a manifest of checksums. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { configFrom, withDataOptions, type DataOptions } from '../runtime.ts';

const asCliError = async (err: unknown): Promise<never> => {
  const { BackupError } = await import('../../server/platform/backup/backup.ts');
  if (err instanceof BackupError) throw new CliError(err.message);
  throw err;
};

export async function backupCommand(): Promise<Command> {
  return withDataOptions(new Command('backup'))
    .description('write a backup (database snapshot, documents and evidence, checksums) while the server runs; PostgreSQL needs pg_dump on the PATH')
    .requiredOption('--out <file>', 'the archive to write (.tar.gz); must not exist')
    .action(async (opts: DataOptions & { out: string }) => {
      const out = resolve(opts.out);
      const { createBackup } = await import('../../server/platform/backup/backup.ts');
      const manifest = await createBackup(configFrom(opts), out).catch(asCliError);
      const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
      process.stdout.write(
        `Backup written to ${out}: ${manifest.dialect}, schema ${manifest.schemaVersion ?? '(empty)'}, ${Object.keys(manifest.tables).length} tables (${rows} rows), ` +
          `${manifest.files.length} files, audit head ${manifest.audit ? `${manifest.audit.seq}:${manifest.audit.hash}` : '(none)'}.\n`,
      );
    });
}

export async function restoreCommand(): Promise<Command> {
  return withDataOptions(new Command('restore'))
    .description('restore a backup into an EMPTY data directory (and, for PostgreSQL, an empty database), verifying every checksum')
    .argument('<file>', 'the archive written by `luoshi backup`')
    .action(async (file: string, opts: DataOptions) => {
      const { restoreBackup } = await import('../../server/platform/backup/restore.ts');
      const result = await restoreBackup(configFrom(opts), resolve(file)).catch(asCliError);
      process.stdout.write(
        `Restored ${result.manifest.dialect} backup of ${result.manifest.createdAt}: ${result.tables} tables and ${result.files} files match their checksums; ` +
          `audit log ends at ${result.manifest.audit ? `${result.manifest.audit.seq}:${result.manifest.audit.hash}` : '(none)'}.\n`,
      );
    });
}
