/** Process-level wrapper: runs the CLI and turns every known failure into a one-line message and an exit code. */
import { CommanderError } from 'commander';
import { ConfigError } from '../server/platform/config.ts';
import { DatabaseUnavailableError } from '../server/platform/db/unavailable.ts';
import { AppError } from '../server/platform/errors.ts';
import { CliError } from './cli-error.ts';
import { main } from './main.ts';

/** Returns the exit code instead of exiting, so tests can call it in-process. */
export async function run(argv: string[]): Promise<number> {
  try {
    await main(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed help or the usage error.
      return err.exitCode;
    }
    const known = err instanceof CliError || err instanceof ConfigError || err instanceof DatabaseUnavailableError || err instanceof AppError;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`luoshi: ${message}\n`);
    if (!known && process.env.LUOSHI_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}
