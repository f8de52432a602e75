/**
 * Body lines → logical paragraphs (blocks) → a tree of line headings. Inline enumerations inside a paragraph are
 * found later, by decompose, because their items depend on the paragraph's sentences.
 */
import { isNoiseLine } from './header.ts';
import type { LabelMatch, LabelStyle } from './labels.ts';
import { PARAGRAPH_STYLES, STRONG_STYLES, STYLE_RANK, matchInlineLabel, matchLineLabel } from './labels.ts';
import type { Range } from './text-units.ts';
import { splitClauses } from './text-units.ts';

export interface Block extends Range {
  /** A marker at the start of the block that may make it a heading (validated when the tree is built). */
  candidate: LabelMatch | null;
}

export interface HeadingNode {
  block: Block;
  label: LabelMatch;
  /** Paragraph-style markers (一是, 第一，) head one paragraph only. */
  scoped: boolean;
  content: Array<Block | HeadingNode>;
}

/** Where a block or a heading with everything under it ends. */
export function extentEnd(x: Block | HeadingNode): number {
  if (!isHeadingNode(x)) return x.end;
  let end = x.block.end;
  for (const c of x.content) end = Math.max(end, extentEnd(c));
  return end;
}

export function isHeadingNode(x: Block | HeadingNode): x is HeadingNode {
  return 'label' in x;
}

const OPEN_END = /[。！？；：”’）」》…]$/u;
const CONTINUATION_START = /^[，。、；：）”%‰]/u;

/**
 * Groups body lines into logical paragraphs. A line is joined to the next only where the text was plainly cut
 * mid-sentence: the next line starts with punctuation that cannot start one, or the document is hard-wrapped
 * (most long lines end without punctuation) and this line is one of the long ones.
 */
export function buildBlocks(norm: string, lines: readonly Range[]): Block[] {
  const content = lines.filter((r) => !isNoiseLine(norm, r));
  let long = 0;
  let openLong = 0;
  for (const r of content) {
    if (r.end - r.start < 15) continue;
    long++;
    if (!OPEN_END.test(norm.slice(r.end - 1, r.end))) openLong++;
  }
  const wrapped = long >= 4 && openLong / long > 0.3;
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = lines[i];
    if (!r) continue;
    const prev = blocks[blocks.length - 1];
    const candidate = matchLineLabel(norm, r.start);
    if (isNoiseLine(norm, r)) {
      // A stray "2.5" between two halves of a broken sentence belongs to that sentence (PM2.5).
      const next = lines[i + 1];
      if (prev && next && !OPEN_END.test(norm.slice(prev.end - 1, prev.end)) && CONTINUATION_START.test(norm.slice(next.start, next.start + 1))) {
        prev.end = r.end;
      }
      continue;
    }
    if (prev && !candidate && !OPEN_END.test(norm.slice(prev.end - 1, prev.end))) {
      const cont = CONTINUATION_START.test(norm.slice(r.start, r.start + 1)) || (wrapped && prev.end - prev.start >= 15 && !prev.candidate);
      if (cont) {
        prev.end = r.end;
        continue;
      }
    }
    blocks.push({ start: r.start, end: r.end, candidate });
  }
  return blocks;
}

interface Frame {
  node: HeadingNode | null;
  content: Array<Block | HeadingNode>;
  seq: Map<LabelStyle, number>;
  rank: number;
}

const CLOSING = /^(各位代表|同志们|各位委员|各位来宾)[，！：]/u;

/** Builds the heading tree; markers that break their sequence are treated as plain text. */
export function buildHeadingTree(norm: string, blocks: readonly Block[]): Array<Block | HeadingNode> {
  const root: Frame = { node: null, content: [], seq: new Map(), rank: -1 };
  const stack: Frame[] = [root];
  let lastHeading = -1;
  blocks.forEach((b, i) => {
    if (b.candidate && STRONG_STYLES.has(b.candidate.style)) lastHeading = i;
  });
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b) continue;
    // 各位代表，…… after the last heading closes the speech; earlier it is just a paragraph of a section.
    if (i > lastHeading && CLOSING.test(norm.slice(b.start, b.start + 6))) stack.length = 1;
    let c = b.candidate;
    // 一是……，二是…… inside one paragraph is an inline run, not a paragraph heading.
    if (c && PARAGRAPH_STYLES.has(c.style) && hasInlineSuccessor(norm, b, c)) c = null;
    if (c) {
      let at = -1;
      let value = c.value;
      for (let k = stack.length - 1; k >= 0; k--) {
        const last = stack[k]?.seq.get(c.style);
        if (last === undefined) continue;
        if (c.value === last + 1 || (c.style === 'seq' && c.value === 99)) {
          at = k;
          value = last + 1;
        }
        break;
      }
      if (at < 0 && c.value === 1 && (STRONG_STYLES.has(c.style) || hasLineSuccessor(blocks, i, c))) {
        let k = stack.length - 1;
        while (k > 0 && (stack[k]?.rank ?? -1) >= STYLE_RANK[c.style]) k--;
        at = k;
      }
      const parent = stack[at];
      if (parent) {
        stack.length = at + 1;
        parent.seq.set(c.style, value);
        const label = { ...c, value };
        const node: HeadingNode = { block: b, label, scoped: PARAGRAPH_STYLES.has(c.style), content: [] };
        parent.content.push(node);
        if (!node.scoped) stack.push({ node, content: node.content, seq: new Map(), rank: STYLE_RANK[c.style] });
        continue;
      }
    }
    stack[stack.length - 1]?.content.push({ start: b.start, end: b.end, candidate: null });
  }
  return root.content;
}

function hasLineSuccessor(blocks: readonly Block[], i: number, c: LabelMatch): boolean {
  const rank = STYLE_RANK[c.style];
  for (let j = i + 1; j < blocks.length && j < i + 400; j++) {
    const d = blocks[j]?.candidate;
    if (!d) continue;
    if (d.style === c.style) return d.value === 2;
    if (STYLE_RANK[d.style] < rank && STRONG_STYLES.has(d.style)) return false;
  }
  return false;
}

function hasInlineSuccessor(norm: string, b: Block, c: LabelMatch): boolean {
  const styles = new Set([c.style]);
  for (const clause of splitClauses(norm, c.end, b.end)) {
    const m = matchInlineLabel(norm, clause.start, styles);
    if (m && m.value === c.value + 1) return true;
  }
  return false;
}
