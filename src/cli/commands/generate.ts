/** `luoshi generate`: fill an empty database with a synthetic city of a chosen size, for benchmarks and load tests. */
import { Command, InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

function count(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

/** A one-line progress bar on stderr, redrawn at most five times a second; plain lines when stderr is not a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (phase: string, done: number, total: number) => void {
  const started = Date.now();
  let last = 0;
  let lastTenth = -1;
  return (phase, done, total) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      if (Date.now() - last < 200 && share < 1) return;
      last = Date.now();
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${phase.padEnd(8)} ${done.toLocaleString('en')} rows ${seconds} s`);
    } else {
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`generate: ${(share * 100).toFixed(0)}% ${phase} ${done.toLocaleString('en')} rows ${seconds} s\n`);
    }
  };
}

export async function generateCommand(): Promise<Command> {
  return withDataOptions(new Command('generate'))
    .description('fill an EMPTY database with a synthetic city (units, users, programmes, task trees, reports) for benchmarks')
    .requiredOption('--units <n>', 'units (departments, districts and their divisions), at least 2', count)
    .requiredOption('--tasks <n>', 'tasks over all programmes, work areas included', count)
    .requiredOption('--reports <n>', 'progress reports (fewer when the tasks owe fewer)', count)
    .option('--programmes <n>', 'programmes (default: one per 2,000 tasks, at most 50)', count)
    .option('--seed <n>', 'random seed: the same seed and sizes give the same shapes (default 1)', count)
    .option('--append', 'add beside existing data instead of refusing a database that is not empty')
    .option('--password <text>', 'password of every generated account (default luoshi-bench)')
    .action(async (opts: DataOptions & { units: number; tasks: number; reports: number; programmes?: number; seed?: number; append?: boolean; password?: string }) => {
      const { generate, GenerateError } = await import('../../server/generate/index.ts');
      await withContext(configFrom(opts), async (ctx) => {
        let result;
        try {
          result = await generate(ctx, {
            units: opts.units,
            tasks: opts.tasks,
            reports: opts.reports,
            ...(opts.programmes !== undefined ? { programmes: opts.programmes } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
            ...(opts.append ? { append: true } : {}),
            ...(opts.password ? { password: opts.password } : {}),
            progress: progressBar(),
          });
        } catch (err) {
          if (err instanceof GenerateError) throw new CliError(err.message);
          throw err;
        } finally {
          if (process.stderr.isTTY) process.stderr.write('\n');
        }
        const r = result;
        process.stdout.write(
          `Generated ${r.units} units, ${r.users} users, ${r.programmes} programmes, ${r.tasks} tasks (${r.coUnits} co-unit links, ` +
            `${r.taskEvents} task events), ${r.reports} reports (${r.reportEvents} report events) in ${(r.ms / 1000).toFixed(1)} s.\n` +
            `Accounts (password ${r.password}): supervisor ${r.accounts.supervisor}, liaison ${r.accounts.liaison}, leader ${r.accounts.leader}, ` +
            `viewer ${r.accounts.viewer}${r.accounts.admin ? `, admin ${r.accounts.admin}` : ''}.\n` +
            `Task health is computed by the server's health job (or at the next task change).\n`,
        );
      });
    });
}
