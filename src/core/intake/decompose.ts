/**
 * decompose(): a policy document → a traceable tree of sections, work areas, principles and tasks, with spans
 * into the original text. All analysis runs on the Simplified, punctuation-normalised copy (see normalise.ts);
 * titles and spans are read back from the original. The rules are described in docs/decomposition.md.
 */
import { indexNames } from './entities.ts';
import { planningYearOf } from './dates.ts';
import { findFormulations } from './formulations.ts';
import { findMeeting, isAppendixLine, issuerFromTitle, parseHeader } from './header.ts';
import { analyseText, originalSpan } from './normalise.ts';
import { classifyScript, countScriptChars } from './script.ts';
import { buildBlocks, buildHeadingTree } from './structure.ts';
import { indexTags } from './tags.ts';
import type { Taxonomy } from './taxonomy.ts';
import { DEFAULT_TAXONOMY } from './taxonomy.ts';
import type { Range } from './text-units.ts';
import { splitLines } from './text-units.ts';
import type { Decomposition, Span } from './types.ts';
import { readAppendices } from './appendices.ts';
import { coverageOf } from './coverage.ts';
import { DATE_CHARS, prefixCount, sliceOriginal, toItem, type OutputCtx } from './item-output.ts';
import { markRestatements } from './restatements.ts';
import { Builder, ROOT } from './tree-builder.ts';

export { measureCoverage } from './coverage.ts';

export interface DecomposeOptions {
  /** Reported back in document.encoding (readDocument tells it). */
  encoding?: string;
  taxonomy?: Taxonomy;
  /** ISO date used for 年底前, 明年 … when the document states no date of its own. */
  referenceDate?: string;
}

/** Decomposes a policy document into a tree of items with exact spans into `text`. Never throws on odd input. */
export function decompose(text: string, opts: DecomposeOptions = {}): Decomposition {
  const a = analyseText(text);
  const norm = a.norm;
  const lines = splitLines(norm);
  const header = parseHeader(norm, lines);

  let bodyEnd = lines.length;
  for (let i = header.bodyStart + 1; i < lines.length; i++) {
    const r = lines[i];
    if (r && isAppendixLine(norm, r)) {
      bodyEnd = i;
      break;
    }
  }
  const bodyLines = lines.slice(header.bodyStart, bodyEnd);
  const appendixLines = lines.slice(bodyEnd);

  const date = header.date;
  const ref = opts.referenceDate && /^\d{4}/u.test(opts.referenceDate) ? Number(opts.referenceDate.slice(0, 4)) : null;
  const baseYear = date ? Number(date.slice(0, 4)) : ref;

  const tagIndex = indexTags(norm, opts.taxonomy ?? DEFAULT_TAXONOMY);
  const builder = new Builder(norm, tagIndex);
  const tree = buildHeadingTree(norm, buildBlocks(norm, bodyLines));
  const nodes = builder.container(tree, ROOT);
  markRestatements(nodes, norm);

  const o: OutputCtx = {
    text,
    a,
    norm,
    tags: tagIndex,
    names: indexNames(norm),
    digits: prefixCount(norm, (c) => c >= 48 && c <= 57),
    dateChars: prefixCount(norm, (c) => DATE_CHARS.has(c)),
    baseYear,
    planningYear: date ? planningYearOf(date, norm) : ref,
  };
  const items = nodes.map((n) => toItem(n, o));

  let title: string | null = null;
  let titleSpan: Span | null = null;
  let issuer: string | null = null;
  const tl = header.titleLines.map((i) => lines[i]).filter((r): r is Range => !!r);
  const firstTitle = tl[0];
  const lastTitle = tl[tl.length - 1];
  if (firstTitle && lastTitle) {
    titleSpan = originalSpan(a, firstTitle.start, lastTitle.end);
    title = tl.map((r) => sliceOriginal(o, r.start, r.end)).join('');
    const titleNorm = tl.map((r) => norm.slice(r.start, r.end)).join('');
    const iss = issuerFromTitle(titleNorm);
    if (iss) {
      // Map the issuer back through the title lines it was read from.
      let offset = 0;
      const parts: string[] = [];
      for (const r of tl) {
        const len = r.end - r.start;
        const s = Math.max(iss.start, offset);
        const e = Math.min(iss.end, offset + len);
        if (e > s) parts.push(sliceOriginal(o, r.start + s - offset, r.start + e - offset));
        offset += len;
      }
      issuer = parts.join('');
    }
  }

  const bodyFirst = bodyLines[0];
  const bodyLast = bodyLines[bodyLines.length - 1];
  const meetingMatch = bodyFirst && bodyLast ? findMeeting(norm, bodyFirst.start, bodyLast.end) : null;

  const { appendices, glossary } = readAppendices(appendixLines, builder, o);

  const bodyRanges: Range[] = bodyFirst && bodyLast ? [{ start: bodyFirst.start, end: bodyLast.end }] : [];
  const formulations = findFormulations(norm, bodyRanges).map((f) => {
    const spans: Span[] = f.starts.map((s) => originalSpan(a, s, s + f.key.length));
    const firstSpan = spans[0] ?? [0, 0];
    return { text: text.slice(firstSpan[0], firstSpan[1]), key: f.key, kind: f.kind, count: spans.length, spans };
  });

  return {
    document: {
      title,
      titleSpan,
      issuer,
      date,
      planningYear: o.planningYear,
      script: classifyScript(countScriptChars(text)),
      encoding: opts.encoding ?? 'utf-8',
      length: text.length,
      meeting: meetingMatch ? { members: meetingMatch.members, alternates: meetingMatch.alternates, span: originalSpan(a, meetingMatch.start, meetingMatch.end) } : null,
    },
    items,
    appendices,
    glossary,
    formulations,
    coverage: coverageOf(builder.sentences, nodes, o),
  };
}
