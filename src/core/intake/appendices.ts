/** Appendices: lists of work decomposed like the body, and the 名词解释 read as the glossary. */
import { isAppendixLine } from './header.ts';
import { matchLineLabel } from './labels.ts';
import { originalSpan } from './normalise.ts';
import type { HeadingNode } from './structure.ts';
import { buildBlocks, buildHeadingTree, extentEnd, isHeadingNode } from './structure.ts';
import type { Range } from './text-units.ts';
import type { Appendix, GlossaryEntry } from './types.ts';
import type { Builder, Node } from './tree-builder.ts';
import { cleanTitle, sliceOriginal, toItem, type OutputCtx } from './item-output.ts';

function isBareAppendixLine(norm: string, r: Range): boolean {
  return /^(附件|附录|附表)\s*[\d一二三四五六七八九十]*\s*[：:]?$/u.test(norm.slice(r.start, r.end));
}

const GLOSSARY_TITLE = /名词解释|名词注释|注释|释义|术语/u;
// 1．新质生产力：…… / （一）新质生产力：…… / 新质生产力：…… — the term ends at the first colon.
const GLOSSARY_ENTRY = /^(?:[（(]?[\d一二三四五六七八九十]+[)）.．、]\s*|[①-⑳]\s*)?([^：。，]{1,30})：/u;

/**
 * Appendices: a bare 附件1 line takes the next line as its title. A 名词解释 becomes the glossary (term,
 * definition, span); any other appendix is read as a list of work — each enumerated item a task with its targets,
 * nested items its sub-tasks — under one branch titled by the appendix.
 */
export function readAppendices(lines: Range[], builder: Builder, o: OutputCtx): { appendices: Appendix[]; glossary: GlossaryEntry[] } {
  const norm = o.norm;
  const groups: Range[][] = [];
  for (const [i, r] of lines.entries()) {
    const last = groups[groups.length - 1];
    const continuesGlossary = last !== undefined && GLOSSARY_TITLE.test(norm.slice(last[0]!.start, last[0]!.end)) && !/^(附件|附录|附表)/u.test(norm.slice(r.start, r.end));
    const titleOfBare = last?.length === 1 && isBareAppendixLine(norm, last[0]!) && !matchLineLabel(norm, r.start);
    if (i === 0 || !last || (isAppendixLine(norm, r) && !continuesGlossary && !titleOfBare)) groups.push([r]);
    else last.push(r);
  }
  const appendices: Appendix[] = [];
  const glossary: GlossaryEntry[] = [];
  for (const group of groups) {
    const first = group[0]!;
    const bare = isBareAppendixLine(norm, first);
    const titleLines = bare && group[1] && !matchLineLabel(norm, group[1].start) ? group.slice(0, 2) : group.slice(0, 1);
    const body = group.slice(titleLines.length);
    const title = cleanTitle(titleLines.map((r) => sliceOriginal(o, r.start, r.end)).join(' '));
    const [s0] = originalSpan(o.a, first.start, first.end);
    const last = group[group.length - 1]!;
    const [, e1] = originalSpan(o.a, last.start, last.end);
    const titleNorm = titleLines.map((r) => norm.slice(r.start, r.end)).join('');
    if (GLOSSARY_TITLE.test(titleNorm)) {
      appendices.push({ title, span: [s0, e1], items: [] });
      for (const r of body) {
        const m = GLOSSARY_ENTRY.exec(norm.slice(r.start, r.end));
        const prev = glossary[glossary.length - 1];
        if (!m) {
          // A definition running over several lines.
          if (prev) {
            const [, e] = originalSpan(o.a, r.start, r.end);
            prev.definition += sliceOriginal(o, r.start, r.end);
            prev.span = [prev.span[0], e];
          }
          continue;
        }
        const termStart = r.start + m[0].length - 1 - (m[1]?.length ?? 0);
        const [s, e] = originalSpan(o.a, r.start, r.end);
        glossary.push({
          term: cleanTitle(sliceOriginal(o, termStart, termStart + (m[1]?.length ?? 0))).replace(/^[“「"]|[”」"]$/gu, ''),
          definition: sliceOriginal(o, r.start + m[0].length, r.end).trim(),
          span: [s, e],
        });
      }
      continue;
    }
    const tree = body.length ? buildHeadingTree(norm, buildBlocks(norm, body)) : [];
    const toTask = (h: HeadingNode, kind: 'task' | 'subtask'): Node => {
      const titleRange = builder.titleOf(h.label.end, h.block.end);
      const end = extentEnd(h);
      const children = h.content.filter(isHeadingNode).map((c) => toTask(c, 'subtask'));
      const own = children.length ? [{ start: h.label.start, end: h.block.end }] : [{ start: h.label.start, end }];
      return { label: h.label, kind, start: h.label.start, end, titleStart: titleRange.start, titleEnd: titleRange.end, own, children, cls: { class: 'deployment', cue: null } };
    };
    const items = tree.filter(isHeadingNode).map((h) => toItem(toTask(h, 'task'), o));
    appendices.push({ title, span: [s0, e1], items });
  }
  return { appendices, glossary };
}
