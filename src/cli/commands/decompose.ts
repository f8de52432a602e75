/** `luoshi decompose FILE [--json]`: a document → its tree of work areas, principles and tasks. */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { DecomposedItem, Decomposition } from '../../core/intake/index.ts';
import type { ReadResult } from '../../server/modules/documents/reading/index.ts';

/** Reads and decodes `file`; throws an Error whose message is fit for stderr. */
export async function readInputFile(file: string, maxBytes?: number): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file}: no such file`, { cause: e });
    if (code === 'EISDIR') throw new Error(`${file}: is a directory`, { cause: e });
    throw new Error(`${file}: cannot be read (${code ?? 'error'})`, { cause: e });
  }
  const { readDocument } = await import('../../server/modules/documents/reading/index.ts');
  try {
    return await readDocument(bytes, { filename: file, ...(maxBytes ? { maxBytes } : {}) });
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}


function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

function itemLine(it: DecomposedItem): string {
  // A commitment that is not work says so: [task requirement: 正视], [task restated ~一要].
  const marks = [it.kind, it.class && it.class !== 'deployment' ? `${it.class}${it.classCue ? `: ${it.classCue}` : ''}` : null, it.restatement ? `restated${it.repeats?.label ? ` ~${it.repeats.label}` : ''}` : null];
  const bits = [`[${marks.filter(Boolean).join(' ')}]`, it.label, it.title].filter(Boolean).join(' ');
  const extra: string[] = [];
  if (it.deadline) extra.push(`截止 ${it.deadline}`);
  for (const t of it.targets) extra.push(`目标 ${t.text}`);
  if (it.tags.length) extra.push(`#${it.tags.slice(0, 3).join(' #')}`);
  if (it.keyPoints.length) extra.push(`要点 ${it.keyPoints.map((k) => k.text).join(' | ')}`);
  return extra.length ? `${bits}  (${extra.join('; ')})` : bits;
}

/** The human-readable tree printed without --json. */
export function formatTree(d: Decomposition): string {
  const out: string[] = [];
  const doc = d.document;
  out.push(doc.title ?? '(untitled)');
  const facts = [doc.issuer, doc.date, doc.script, doc.encoding, `${doc.length} chars`].filter(Boolean);
  out.push(facts.join(' · '));
  if (doc.meeting) out.push(`meeting: ${doc.meeting.members ?? '?'} members, ${doc.meeting.alternates ?? '?'} alternates`);
  out.push('');
  const walk = (items: DecomposedItem[], depth: number) => {
    for (const it of items) {
      out.push(`${'  '.repeat(depth)}${itemLine(it)}`);
      walk(it.children, depth + 1);
    }
  };
  walk(d.items, 0);
  for (const a of d.appendices) {
    out.push('', `appendix: ${a.title}`);
    walk(a.items, 1);
  }
  if (d.glossary.length) out.push('', `名词解释: ${d.glossary.map((g) => g.term).join('、')}`);
  if (d.formulations.length) out.push('', `提法: ${d.formulations.slice(0, 20).map((f) => `${f.text}×${f.count}`).join('  ')}`);
  const c = d.coverage;
  if (doc.planningYear !== null && doc.planningYear !== Number(doc.date?.slice(0, 4))) out.splice(2, 0, `plans for ${doc.planningYear}`);
  out.push('', `coverage: ${c.covered}/${c.directiveSentences} sentences with deployments covered`);
  for (const u of c.uncovered.slice(0, 10)) out.push(`  uncovered: ${u.text}`);
  return out.join('\n') + '\n';
}

export async function decomposeCommand(): Promise<Command> {
  return new Command('decompose')
    .description('decompose a policy document (.txt, .docx, .pdf, .html) into work areas, principles and tasks')
    .argument('<file>', 'document to read')
    .option('--json', 'print the decomposition as JSON (the stable contract)')
    .option('--reference-date <date>', 'date for 年底前/明年 when the document states none (YYYY-MM-DD)', isoDate)
    .option('--max-bytes <n>', 'largest accepted file size in bytes (default 20 MB)', positiveInt)
    .action(async (file: string, opts: { json?: boolean; referenceDate?: string; maxBytes?: number }) => {
      const input = await readInputFile(file, opts.maxBytes);
      const { decompose } = await import('../../core/intake/index.ts');
      const result = decompose(input.text, { encoding: input.encoding, ...(opts.referenceDate ? { referenceDate: opts.referenceDate } : {}) });
      process.stdout.write(opts.json ? `${JSON.stringify({ format: input.format, ...result }, null, 2)}\n` : formatTree(result));
    });
}
