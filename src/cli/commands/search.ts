/** `luoshi search reindex`: rebuild the full-text search index from documents, tasks, reports, findings and relay records. */
import { Command } from 'commander';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

export async function searchCommand(): Promise<Command> {
  const search = new Command('search').description('the full-text search index');
  search.addCommand(
    withDataOptions(new Command('reindex'))
      .description('rebuild the search index from documents, tasks, reports, inspection findings and relay records (one transaction; searches keep working meanwhile)')
      .action(async (opts: DataOptions) => {
        // Loaded on use, like every command's work (`luoshi --help` stays fast).
        const { rebuildSearchIndex } = await import('../../server/modules/search/index.ts');
        await withContext(configFrom(opts), async (ctx) => {
          const started = Date.now();
          const r = await rebuildSearchIndex(ctx.db);
          process.stdout.write(`Indexed ${r.documents} documents (${r.paragraphs} paragraphs), ${r.tasks} tasks, ${r.reports} reports, ${r.findings} findings and ${r.relayRecords} relay records in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        });
      }),
  );
  return search;
}
