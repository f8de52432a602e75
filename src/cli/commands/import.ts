/** `luoshi import tasks`: tasks from an XLSX or CSV file into a programme, checked first, all or nothing. */
import { readFile, stat } from 'node:fs/promises';
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { progressBar } from '../progress.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

/** Exit code when the file has problems (nothing was written); 1 stays for every other failure. */
export const EXIT_PROBLEMS = 3;

export async function importCommand(): Promise<Command> {
  const cmd = new Command('import').description('import data from spreadsheets');
  cmd.addCommand(
    withDataOptions(new Command('tasks'))
      .description(`tasks from XLSX or CSV into a programme; exit 0 when imported (or checked clean), ${EXIT_PROBLEMS} when the file has problems (nothing is written)`)
      .argument('<file>', 'the .xlsx or .csv file (see docs/exports.md for the columns)')
      .requiredOption('--programme <id>', 'programme id')
      .option('--dry-run', 'only check the file and list its problems')
      .action(async (file: string, opts: DataOptions & { programme: string; dryRun?: boolean }) => {
        // Loaded on use, like every command's work (`luoshi --help` stays fast).
        const { systemActor } = await import('../../server/platform/auth/actor.ts');
        const { importTasks } = await import('../../server/modules/imports/index.ts');
        const size = await stat(file).catch(() => null);
        if (!size?.isFile()) throw new CliError(`No such file: ${file}`, 2);
        const bytes = await readFile(file);
        await withContext(configFrom(opts), async (ctx) => {
          const bar = progressBar('importing');
          const result = await importTasks(ctx, systemActor('cli'), { programmeId: opts.programme, bytes, dryRun: Boolean(opts.dryRun) }, (d, t) => bar.update(d, t));
          bar.finish();
          for (const p of result.problems) {
            process.stdout.write(`${p.sheet ? `${p.sheet} ` : ''}row ${p.row}\t${p.column ?? '-'}\t${p.code}\t${p.message}\n`);
          }
          if (result.problems.length) throw new CliError(`${result.problems.length} problem(s) in ${result.rows} rows; nothing was imported`, EXIT_PROBLEMS);
          const areas = result.createdAreas.length ? ` and ${result.createdAreas.length} new work area(s)` : '';
          process.stdout.write(result.applied ? `Imported ${result.created} tasks${areas}.\n` : `Checked ${result.rows} rows: no problems; ${result.created} tasks${areas} would be created.\n`);
        });
      }),
  );
  return cmd;
}
