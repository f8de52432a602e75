/** `luoshi demo`: seed the demo organisation and reference document (idempotent), then serve. */
import { Command } from 'commander';
import { configFrom, withDataOptions, type DataOptions } from '../runtime.ts';
import { parsePort } from './options.ts';

export async function demoCommand(): Promise<Command> {
  return withDataOptions(new Command('demo'))
    .description('load the demo (units, one user per role, the reference communiqué) and start serving')
    .option('--port <n>', 'port to listen on (default 3000, or $PORT)', parsePort)
    .option('--seed-only', 'load the demo data and exit without serving')
    .action(async (opts: DataOptions & { port?: number; seedOnly?: boolean }) => {
      const config = configFrom(opts, opts.port !== undefined ? { port: opts.port } : {});
      // Loaded on use, like `serve`: the HTTP stack is slow to import.
      const { startServer, stopOnSignal } = await import('../../server/server.ts');
      const { seedDemo, DEMO_PASSWORD, DEMO_USERS } = await import('../../server/demo/index.ts');
      const server = await startServer(config, { logger: false });
      try {
        const result = await seedDemo(server.ctx);
        process.stdout.write(
          `Demo data: ${result.createdUnits} units, ${result.createdUsers} users, ${result.createdDocuments} documents added ` +
            `(already present data is kept).\n`,
        );
      } catch (err) {
        await server.stop();
        throw err;
      }
      if (opts.seedOnly) {
        await server.stop();
        return;
      }
      const lines = DEMO_USERS.map((u) => `  ${u.username.padEnd(12)} ${u.roles.join(',').padEnd(11)} ${u.displayName}`);
      process.stdout.write(
        `\nLuoshi demo is running: ${server.url}\n` +
          `Sign in with any of these (password: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\nPress Ctrl+C to stop.\n`,
      );
      await stopOnSignal(server);
    });
}
