/** `luoshi export ledger|briefing`: the 台账 as XLSX/CSV and the 通报 as DOCX, written to a file, as the system. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { writeFile } from 'node:fs/promises';
import { isIsoDate } from '../../core/time.ts';
import { progressBar } from '../progress.ts';
import { configFrom, withContext, withDataOptions, type DataOptions } from '../runtime.ts';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
type Lang = (typeof LANGS)[number];

export function parseLang(value: string): Lang {
  if (!(LANGS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${LANGS.join(', ')}`);
  return value as Lang;
}

/** Writes through a temporary name and renames, so a failed export never leaves a half file under the real name. */
export async function writeAtomically(path: string, write: (out: NodeJS.WritableStream & import('node:stream').Writable) => Promise<void>): Promise<void> {
  const tmp = `${path}.partial-${process.pid}`;
  const out = createWriteStream(tmp);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  try {
    await write(out);
    if (!out.writableEnded) out.end();
    await closed;
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function exportCommand(): Promise<Command> {
  const cmd = new Command('export').description('export the 台账 (ledger) or a 通报 (briefing)');
  cmd.addCommand(
    withDataOptions(new Command('ledger'))
      .description('the 台账 of a programme as an Excel workbook or CSV')
      .requiredOption('--programme <id>', 'programme id')
      .option('--format <format>', 'xlsx or csv', (v) => {
        if (v !== 'xlsx' && v !== 'csv') throw new InvalidArgumentError('must be xlsx or csv');
        return v;
      }, 'xlsx')
      .requiredOption('--out <file>', 'file to write')
      .option('--lang <lang>', 'language of headings and words: zh-Hans, zh-Hant or en', parseLang, 'zh-Hans')
      .action(async (opts: DataOptions & { programme: string; format: 'xlsx' | 'csv'; out: string; lang: Lang }) => {
        // Loaded on use: the spreadsheet and document libraries are slow to import (`luoshi --help` stays fast).
        const { systemActor } = await import('../../server/platform/auth/actor.ts');
        const { loadLedgerExport, writeLedgerCsv, writeLedgerXlsx } = await import('../../server/modules/exports/index.ts');
        await withContext(configFrom(opts), async (ctx) => {
          const reading = progressBar('reading');
          const data = await loadLedgerExport(ctx, systemActor('cli'), { filter: { programmeId: opts.programme }, lang: opts.lang }, (d, t) => reading.update(d, t));
          reading.finish();
          const writing = progressBar('writing');
          await writeAtomically(opts.out, (out) => (opts.format === 'xlsx' ? writeLedgerXlsx(data, out, (d, t) => writing.update(d, t)) : writeLedgerCsv(data, out, (d, t) => writing.update(d, t))));
          writing.finish();
          process.stdout.write(`Wrote ${data.rowCount} tasks in ${data.sections.length} work areas to ${opts.out}\n`);
        });
      }),
  );
  cmd.addCommand(
    withDataOptions(new Command('briefing'))
      .description('a 通报 (briefing) on a programme for a period, as a Word document')
      .requiredOption('--programme <id>', 'programme id')
      .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD', parseDate)
      .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD', parseDate)
      .requiredOption('--out <file>', 'file to write (.docx)')
      .option('--office <name>', 'issuing office printed under the title (default: the unit of the programme’s first supervisor)')
      .option('--lang <lang>', 'zh-Hans, zh-Hant or en', parseLang, 'zh-Hans')
      .action(async (opts: DataOptions & { programme: string; from: string; to: string; out: string; office?: string; lang: Lang }) => {
        const { systemActor } = await import('../../server/platform/auth/actor.ts');
        const { loadBriefing, renderBriefingDocx } = await import('../../server/modules/exports/index.ts');
        await withContext(configFrom(opts), async (ctx) => {
          const briefing = await loadBriefing(ctx, systemActor('cli'), { programmeId: opts.programme, from: opts.from, to: opts.to, lang: opts.lang, ...(opts.office ? { office: opts.office } : {}) });
          const bytes = await renderBriefingDocx(briefing);
          await writeFile(`${opts.out}.partial-${process.pid}`, bytes);
          await rename(`${opts.out}.partial-${process.pid}`, opts.out);
          process.stdout.write(`Wrote the briefing (${briefing.tasks} tasks, ${briefing.red} red, ${briefing.overdue} overdue) to ${opts.out}\n`);
        });
      }),
  );
  return cmd;
}

function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
