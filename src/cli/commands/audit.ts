/** `luoshi audit verify`: check the audit log's hash chain. */
import { Command } from 'commander';
import { verifyAuditChain } from '../../server/platform/audit/audit-log.ts';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

export async function auditCommand(): Promise<Command> {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit.addCommand(
    withDataOptions(new Command('verify'))
      .description('verify the hash chain; exits 1 and names the first broken row if any was edited, removed or reordered')
      .action(async (opts: DataOptions) => {
        await withContext(configFrom(opts), async (ctx) => {
          const report = await verifyAuditChain(ctx.db);
          if (!report.ok) {
            throw new CliError(`audit log broken at row ${report.brokenAt?.seq}: ${report.brokenAt?.reason} (${report.checked} rows intact before it)`);
          }
          process.stdout.write(`Audit log intact: ${report.checked} rows verified.\n`);
        });
      }),
  );
  return audit;
}
