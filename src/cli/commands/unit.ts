/** `luoshi unit add|list`: manage the organisation tree from the command line. */
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

const services = async () => ({ ...(await import('../../server/platform/auth/actor.ts')), ...(await import('../../server/modules/units/index.ts')) });

export async function unitCommand(): Promise<Command> {
  const unit = new Command('unit').description('manage units (the organisation tree)');
  unit.addCommand(
    withDataOptions(new Command('add'))
      .description('create a unit')
      .requiredOption('--name <name>', 'unit name, unique')
      .option('--parent <name>', 'name of the parent unit')
      .action(async (opts: DataOptions & { name: string; parent?: string }) => {
        const { createUnit, findUnitByName, systemActor } = await services();
        await withContext(configFrom(opts), async (ctx) => {
          let parentId: string | null = null;
          if (opts.parent) {
            const parent = await findUnitByName(ctx, opts.parent);
            if (!parent) throw new CliError(`No unit named "${opts.parent}"`);
            parentId = parent.id;
          }
          const created = await createUnit(ctx, systemActor('cli'), { name: opts.name, parentId });
          process.stdout.write(`Created unit ${created.name} (${created.id})\n`);
        });
      }),
  );
  unit.addCommand(
    withDataOptions(new Command('list'))
      .description('print the unit tree')
      .action(async (opts: DataOptions) => {
        const { listUnits, systemActor } = await services();
        await withContext(configFrom(opts), async (ctx) => {
          const units = await listUnits(ctx, systemActor('cli'));
          const children = new Map<string | null, typeof units>();
          for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
          const print = (parent: string | null, depth: number) => {
            for (const u of children.get(parent) ?? []) {
              process.stdout.write(`${'  '.repeat(depth)}${u.name}${u.active ? '' : ' (deactivated)'}\n`);
              print(u.id, depth + 1);
            }
          };
          print(null, 0);
        });
      }),
  );
  return unit;
}
