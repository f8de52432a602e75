/** `luoshi audit verify` and `luoshi audit anchor`: check the audit log's hash chain, and print its head to keep. */
import { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

export async function auditCommand(): Promise<Command> {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit.addCommand(
    withDataOptions(new Command('verify'))
      .description('verify the hash chain; exits 1 and names the first broken row if any was edited, removed or reordered')
      .option('--anchor <seq:hash>', 'also require the row printed earlier by `audit anchor` (detects a log cut short)')
      .action(async (opts: DataOptions & { anchor?: string }) => {
        const { verifyAuditChain } = await import('../../server/platform/audit/audit-log.ts');
        const { parseAnchor, verifyAuditWithAnchor } = await import('../../server/modules/audit/index.ts');
        const anchor = opts.anchor === undefined ? null : parseAnchor(opts.anchor);
        if (opts.anchor !== undefined && !anchor) throw new CliError('--anchor must be the SEQ:HASH[,SEQ:HASH…] (or HASH) that `luoshi audit anchor` printed', 2);
        await withContext(configFrom(opts), async (ctx) => {
          const report = anchor ? await verifyAuditWithAnchor(ctx.db, anchor) : await verifyAuditChain(ctx.db);
          if (!report.ok) {
            throw new CliError(`audit log broken at row ${report.brokenAt?.seq}: ${report.brokenAt?.reason} (${report.checked} rows intact before it)`);
          }
          process.stdout.write(`Audit log intact: ${report.checked} rows verified${anchor ? ', anchored row present' : ''}.\n`);
        });
      }),
  );
  audit.addCommand(
    withDataOptions(new Command('anchor'))
      .description('print the chain head as SEQ:HASH (one per chain in use, comma-separated), one line; keep it elsewhere and pass it to `audit verify --anchor`')
      .action(async (opts: DataOptions) => {
        const { auditAnchor, formatAnchor } = await import('../../server/modules/audit/index.ts');
        await withContext(configFrom(opts), async (ctx) => {
          const head = await auditAnchor(ctx.db);
          process.stdout.write(`${formatAnchor(head)}\n`);
        });
      }),
  );
  return audit;
}
