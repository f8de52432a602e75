/** `luoshi blobs migrate --to …` and `luoshi blobs verify`: move blobs between stores, check them against their hashes. */
import { Command, Option } from 'commander';
import type { BlobProblem } from '../../server/platform/blobs/transfer.ts';
import type { BlobStoreKind } from '../../server/platform/config.ts';
import { CliError } from '../cli-error.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

function printProblems(problems: readonly BlobProblem[]): void {
  for (const p of problems.slice(0, 50)) process.stderr.write(`${p.problem} ${p.sha256}: ${p.detail}\n`);
  if (problems.length > 50) process.stderr.write(`… and ${problems.length - 50} more\n`);
}

export async function blobsCommand(): Promise<Command> {
  const blobs = new Command('blobs').description('evidence and original documents in the blob store (LUOSHI_BLOB_STORE)');
  blobs.addCommand(
    withDataOptions(new Command('migrate'))
      .description('copy every blob the database refers to from the configured store to another, verifying each copy; safe to rerun')
      .addOption(new Option('--to <store>', 'the target store').choices(['fs', 'postgres', 's3']).makeOptionMandatory())
      .action(async (opts: DataOptions & { to: BlobStoreKind }) => {
        // Loaded on use, like every command's work (`luoshi --help` stays fast).
        const { createBlobStore } = await import('../../server/platform/blobs.ts');
        const { transferBlobs } = await import('../../server/platform/blobs/transfer.ts');
        const config = configFrom(opts);
        if (opts.to === config.blobStore) throw new CliError(`The configured store is already ${opts.to}; set LUOSHI_BLOB_STORE to the store to copy from`, 2);
        await withContext(config, async (ctx) => {
          let target;
          try {
            target = createBlobStore(config, ctx.database, opts.to);
          } catch (err) {
            throw new CliError((err as Error).message, 2);
          }
          try {
            const report = await transferBlobs(ctx.db, ctx.blobs, target);
            printProblems(report.problems);
            process.stdout.write(`${report.total} blobs: ${report.copied} copied, ${report.alreadyThere} already in ${opts.to}, ${report.problems.length} failed.\n`);
            if (report.problems.length) throw new CliError(`${report.problems.length} blobs could not be copied; fix them and rerun (copied blobs are kept)`);
            process.stdout.write(`Every blob is in ${opts.to}. Set LUOSHI_BLOB_STORE=${opts.to} on every instance and restart them.\n`);
          } finally {
            await target.close();
          }
        });
      }),
  );
  blobs.addCommand(
    withDataOptions(new Command('verify'))
      .description('read back every blob the database refers to and check its hash and size; exits 1 if any is missing or corrupt')
      .action(async (opts: DataOptions) => {
        const { verifyBlobs } = await import('../../server/platform/blobs/transfer.ts');
        await withContext(configFrom(opts), async (ctx) => {
          const report = await verifyBlobs(ctx.db, ctx.blobs);
          printProblems(report.problems);
          if (report.problems.length) throw new CliError(`${report.problems.length} of ${report.total} blobs missing or corrupt in the ${ctx.blobs.kind} store`);
          process.stdout.write(`All ${report.total} blobs intact in the ${ctx.blobs.kind} store.\n`);
        });
      }),
  );
  return blobs;
}
