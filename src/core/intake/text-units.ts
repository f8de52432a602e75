/** Lines, sentences and clauses of the analysis copy, as offset ranges (end exclusive). */

export interface Range {
  start: number;
  end: number;
}

const SPACE = /\s/;

export function isSpace(c: string | undefined): boolean {
  return c !== undefined && SPACE.test(c);
}

/** Shrinks a range past leading and trailing whitespace. */
export function trimRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Non-blank lines, trimmed. */
export function splitLines(text: string): Range[] {
  const lines: Range[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const r = trimRange(text, start, end);
    if (r.end > r.start) lines.push(r);
    start = end + 1;
  }
  return lines;
}

const TERMINATORS = new Set(['。', '！', '？', '；']);
const CLOSERS = new Set(['”', '’', '）', '」', '』', '》', '"']);
const CLAUSE_BREAKS = new Set(['，', '；', '：', '。', '！', '？']);
const OPEN = new Set(['“', '（', '《', '「', '『', '【', '‘']);
const CLOSE = new Set(['”', '）', '》', '」', '』', '】', '’']);

export function isTerminator(c: string | undefined): boolean {
  return c !== undefined && TERMINATORS.has(c);
}

/** Sentences of a range: each ends after 。！？； and any closing quote or bracket that follows. */
export function splitSentences(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (!TERMINATORS.has(text[i] ?? '')) continue;
    let e = i + 1;
    while (e < end && CLOSERS.has(text[e] ?? '')) e++;
    const r = trimRange(text, s, e);
    if (r.end > r.start) out.push(r);
    s = e;
    i = e - 1;
  }
  const r = trimRange(text, s, end);
  if (r.end > r.start) out.push(r);
  return out;
}

/** The first sentence of a range, found without splitting the rest (ranges can be megabytes long). */
export function firstSentence(text: string, start: number, end: number): Range {
  for (let i = start; i < end; i++) {
    if (!TERMINATORS.has(text[i] ?? '')) continue;
    let e = i + 1;
    while (e < end && CLOSERS.has(text[e] ?? '')) e++;
    const r = trimRange(text, start, e);
    if (r.end > r.start) return r;
  }
  return trimRange(text, start, end);
}

/** The last sentence of a range, found by scanning back from its end. */
export function lastSentence(text: string, start: number, end: number): Range {
  let e = end;
  while (e > start && (isSpace(text[e - 1]) || TERMINATORS.has(text[e - 1] ?? '') || CLOSERS.has(text[e - 1] ?? ''))) e--;
  let s = e;
  while (s > start && !TERMINATORS.has(text[s - 1] ?? '')) s--;
  return trimRange(text, s, end);
}

/**
 * Clauses of a range, split at ，；：。！？ outside quotes and brackets. The break character is not part of the
 * clause. Bracket depth resets at sentence ends so one unbalanced quote cannot swallow a paragraph.
 */
export function splitClauses(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  let s = start;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i] ?? '';
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n') {
      // A line break inside a logical paragraph is not a clause break, but closes nothing either.
    } else if (CLAUSE_BREAKS.has(c)) {
      if (TERMINATORS.has(c) && c !== '；') depth = 0;
      if (depth > 0 && !(TERMINATORS.has(c) && c !== '；')) continue;
      const r = trimRange(text, s, i);
      if (r.end > r.start) out.push(r);
      s = i + 1;
    }
  }
  const r = trimRange(text, s, end);
  if (r.end > r.start) out.push(r);
  return out;
}

/** True if the character is a CJK ideograph. */
export function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff) || (x >= 0xd840 && x <= 0xd87f);
}

/** Counts CJK ideographs in a range. */
export function countHan(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (isHan(text[i])) n++;
  return n;
}
