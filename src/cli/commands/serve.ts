/** `luoshi serve`: the HTTP API and web UI. */
import { Command } from 'commander';
import { configFrom, withDataOptions, type DataOptions } from '../runtime.ts';
import { parsePort } from './options.ts';

export async function serveCommand(): Promise<Command> {
  return withDataOptions(new Command('serve'))
    .description('start the API and web UI (migrates the database first)')
    .option('--port <n>', 'port to listen on (default 3000, or $PORT)', parsePort)
    .option('--host <addr>', 'address to bind (default 0.0.0.0, or $HOST)')
    .action(async (opts: DataOptions & { port?: number; host?: string }) => {
      const config = configFrom(opts, { ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host ? { host: opts.host } : {}) });
      // Loaded on use: the HTTP stack takes a second to import, which every other command should not pay.
      const { startServer, stopOnSignal } = await import('../../server/server.ts');
      const server = await startServer(config);
      process.stdout.write(`Luoshi is serving on ${server.url} (database: ${server.ctx.database.kind} ${server.ctx.database.location})\n`);
      await stopOnSignal(server);
    });
}
