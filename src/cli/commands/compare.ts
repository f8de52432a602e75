/** `luoshi compare A B [--json]`: 提法对比 — formulations and work areas new, dropped and continued from A to B. */
import { Command } from 'commander';
import type { Comparison } from '../../core/intake/index.ts';
import { readInputFile } from './decompose.ts';

/** The human-readable comparison printed without --json. */
export function formatComparison(c: Comparison): string {
  const out: string[] = [];
  out.push(`A: ${c.a.title ?? '(untitled)'}${c.a.date ? ` (${c.a.date})` : ''}`);
  out.push(`B: ${c.b.title ?? '(untitled)'}${c.b.date ? ` (${c.b.date})` : ''}`, '');
  const f = c.formulations;
  out.push(`提法 new in B (${f.new.length}): ${f.new.map((x) => x.text).join('、') || '—'}`);
  out.push(`提法 dropped from A (${f.dropped.length}): ${f.dropped.map((x) => x.text).join('、') || '—'}`);
  out.push(`提法 continued (${f.continued.length}): ${f.continued.map((x) => `${x.textB} ${x.countA}→${x.countB}`).join('、') || '—'}`, '');
  out.push('work areas continued:');
  for (const p of c.areas.continued) out.push(`  ${p.a.label ?? ''}${p.a.title}  →  ${p.b.label ?? ''}${p.b.title}  (${p.similarity})`);
  out.push('work areas new in B:');
  for (const a of c.areas.new) out.push(`  ${a.label ?? ''}${a.title}`);
  out.push('work areas dropped from A:');
  for (const a of c.areas.dropped) out.push(`  ${a.label ?? ''}${a.title}`);
  out.push('', `topics new: ${c.tags.new.join('、') || '—'}; dropped: ${c.tags.dropped.join('、') || '—'}`);
  return out.join('\n') + '\n';
}

export async function compareCommand(): Promise<Command> {
  return new Command('compare')
    .description('提法对比: compare the formulations and work areas of two documents (A earlier, B later)')
    .argument('<a>', 'the earlier document')
    .argument('<b>', 'the later document')
    .option('--json', 'print the comparison as JSON')
    .action(async (fileA: string, fileB: string, opts: { json?: boolean }) => {
      const { compareDocuments, decompose } = await import('../../core/intake/index.ts');
      const { segmentWords } = await import('../../server/platform/segment.ts');
      const [a, b] = await Promise.all([readInputFile(fileA), readInputFile(fileB)]);
      const result = compareDocuments(decompose(a.text, { encoding: a.encoding }), decompose(b.text, { encoding: b.encoding }), segmentWords, { a: a.text, b: b.text });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatComparison(result));
    });
}
