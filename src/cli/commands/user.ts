/** `luoshi user add|list`: create accounts from the command line. */
import { Command } from 'commander';
import { ROLES } from '../../core/permissions.ts';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';
import { collect } from './options.ts';

const services = async () => ({
  ...(await import('../../server/platform/auth/actor.ts')),
  ...(await import('../../server/modules/units/index.ts')),
  ...(await import('../../server/modules/users/index.ts')),
});

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin expects the password on standard input (e.g. echo "…" | luoshi user add …)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userCommand(): Promise<Command> {
  const user = new Command('user').description('manage user accounts');
  user.addCommand(
    withDataOptions(new Command('add'))
      .description(`create a user; roles: ${ROLES.join(', ')}`)
      .requiredOption('--username <u>', 'sign-in name (letters, digits, . _ -)')
      .requiredOption('--unit <name>', 'name of the unit the user belongs to')
      .requiredOption('--role <role>', 'role, repeatable or comma-separated', collect)
      .option('--display-name <name>', 'name shown in the UI (default: the username)')
      .option('--email <address>', 'e-mail address for notices')
      .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed)')
      .action(async (opts: DataOptions & { username: string; unit: string; role: string[]; displayName?: string; email?: string; passwordStdin?: boolean }) => {
        const password = opts.passwordStdin ? await readStdin() : undefined;
        const { createUser, findUnitByName, systemActor } = await services();
        await withContext(configFrom(opts), async (ctx) => {
          const unit = await findUnitByName(ctx, opts.unit);
          if (!unit) throw new CliError(`No unit named "${opts.unit}"`);
          const { user: created, generatedPassword } = await createUser(ctx, systemActor('cli'), {
            username: opts.username,
            displayName: opts.displayName,
            email: opts.email ?? null,
            unitId: unit.id,
            roles: opts.role,
            password,
          });
          process.stdout.write(`Created user ${created.username} (${created.roles.join(', ')}) in ${unit.name}\n`);
          if (generatedPassword) process.stdout.write(`Generated password (shown once): ${generatedPassword}\n`);
        });
      }),
  );
  user.addCommand(
    withDataOptions(new Command('list'))
      .description('list users')
      .action(async (opts: DataOptions) => {
        const { listUsers, systemActor } = await services();
        await withContext(configFrom(opts), async (ctx) => {
          for (const u of await listUsers(ctx, systemActor('cli'), {})) {
            process.stdout.write(`${u.username}\t${u.displayName}\t${u.roles.join(',')}${u.active ? '' : '\t(deactivated)'}\n`);
          }
        });
      }),
  );
  return user;
}
