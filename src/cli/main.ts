/** CLI entry: builds the command tree. Each command lives in src/cli/commands/ and exports a factory. */
import { Command } from 'commander';
import { compareCommand } from './commands/compare.ts';
import { decomposeCommand } from './commands/decompose.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { blobsCommand } from './commands/blobs.ts';
import { searchCommand } from './commands/search.ts';
import { demoCommand } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { generateCommand } from './commands/generate.ts';
import { importCommand } from './commands/import.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { unitCommand } from './commands/unit.ts';
import { userCommand } from './commands/user.ts';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('luoshi')
    .description('Luoshi (落实): closed-loop delivery of policy commitments')
    .showHelpAfterError()
    .exitOverride();
  // Commands are registered here, one line each.
  const commands: Array<() => Promise<Command>> = [
    serveCommand,
    demoCommand,
    migrateCommand,
    unitCommand,
    userCommand,
    auditCommand,
    backupCommand,
    restoreCommand,
    decomposeCommand,
    compareCommand,
    exportCommand,
    blobsCommand,
    searchCommand,
    generateCommand,
    importCommand,
  ];
  for (const make of commands) program.addCommand(await make());
  // Added commands do not inherit settings, so apply them down the whole tree: errors become exceptions, not exits.
  const configure = (cmd: Command) => {
    cmd.exitOverride().showHelpAfterError();
    cmd.commands.forEach(configure);
  };
  configure(program);
  await program.parseAsync(argv);
}
