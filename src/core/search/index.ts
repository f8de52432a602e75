/**
 * Full-text search over Chinese text, without a word segmenter: the text is indexed in its Simplified-normalised
 * form (so a query in either script finds both) as overlapping CJK bigrams plus Latin/number words. A two-character
 * query (民生) is then one token, and a longer one (养老服务) a phrase of consecutive bigrams (养老 老服 服务).
 */
import { analyseText, originalSpan } from '../intake/normalise.ts';
import { convertToHans, convertToHant } from '../intake/opencc.ts';

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
/** Latin words longer than this are cut: a token is a search key, not content (PostgreSQL caps lexemes too). */
const MAX_WORD = 60;

/** ASCII-only lower-casing keeps offsets aligned (String#toLowerCase may lengthen some characters). */
function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** The search form of a text: Simplified, punctuation-normalised, ASCII lower-cased, same length as the input. */
export function searchForm(text: string): string {
  return lowerAscii(analyseText(text).norm);
}

/** Tokens of a text already in search form, in order: CJK bigrams (a lone character as itself) and Latin words. */
export function tokensOf(form: string): string[] {
  const out: string[] = [];
  const chars = [...form];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (HAN.test(c)) {
      let j = i;
      while (j < chars.length && HAN.test(chars[j]!)) j++;
      if (j - i === 1) out.push(c);
      else for (let k = i; k + 1 < j; k++) out.push(chars[k]! + chars[k + 1]!);
      i = j;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < chars.length && WORD.test(chars[j]!) && !HAN.test(chars[j]!)) j++;
      out.push(chars.slice(i, Math.min(j, i + MAX_WORD)).join(''));
      i = j;
    } else i++;
  }
  return out;
}

/** One query term: the tokens that must appear consecutively; `prefix` for a single character (matches 民生 for 民). */
export interface QueryTerm {
  /** The term in search form, for highlighting. */
  form: string;
  tokens: string[];
  prefix: boolean;
}

/** Splits a query on whitespace into terms (all must match). Empty when the query holds nothing searchable. */
export function parseQuery(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const raw of q.split(/\s+/u)) {
    if (!raw) continue;
    const form = searchForm(raw);
    // Punctuation inside a term splits it into sub-terms, each a phrase of its own.
    for (const piece of form.split(/[^\p{L}\p{N}]+/u)) {
      const tokens = tokensOf(piece);
      if (tokens.length === 0) continue;
      const lone = tokens.length === 1 && [...piece].length === 1 && HAN.test(piece);
      terms.push({ form: piece, tokens, prefix: lone });
    }
  }
  return terms.slice(0, 8);
}

export type Script = 'hans' | 'hant';

/** Converts a text to the reader's script (or leaves it as written). */
export function inScript(text: string, script: Script | null): string {
  if (script === 'hans') return convertToHans(text);
  if (script === 'hant') return convertToHant(text);
  return text;
}

export interface Snippet {
  text: string;
  /** [start, end) offsets in `text` of each match. */
  highlights: Array<[number, number]>;
}

/**
 * A window of the original text around the first match of any term, with every match in it marked; matching runs on
 * the search form, offsets are mapped back to the original, and the result is converted to the reader's script piece
 * by piece so the marks stay on the matched words.
 */
export function snippetOf(original: string, terms: readonly QueryTerm[], script: Script | null, radius = 40): Snippet {
  const analysis = analyseText(original);
  const form = lowerAscii(analysis.norm);
  const spans: Array<[number, number]> = [];
  for (const t of terms) {
    for (let at = form.indexOf(t.form); at >= 0 && spans.length < 200; at = form.indexOf(t.form, at + t.form.length)) spans.push([at, at + t.form.length]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const first = spans[0];
  const [winStartN, winEndN] = first ? [Math.max(0, first[0] - radius), Math.min(form.length, first[1] + radius * 2)] : [0, Math.min(form.length, radius * 3)];
  const [winStart, winEnd] = originalSpan(analysis, winStartN, winEndN);
  // Merge overlapping matches, keep those inside the window, in original offsets.
  const marks: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    if (s < winStartN || e > winEndN) continue;
    const [os, oe] = originalSpan(analysis, s, e);
    const last = marks[marks.length - 1];
    if (last && os <= last[1]) last[1] = Math.max(last[1], oe);
    else marks.push([os, oe]);
  }
  let text = winStart > 0 ? '…' : '';
  const highlights: Array<[number, number]> = [];
  let cursor = winStart;
  for (const [s, e] of marks) {
    text += inScript(original.slice(cursor, s), script);
    const hs = text.length;
    text += inScript(original.slice(s, e), script);
    highlights.push([hs, text.length]);
    cursor = e;
  }
  text += inScript(original.slice(cursor, winEnd), script);
  if (winEnd < original.length) text += '…';
  // One space per whitespace character keeps the highlight offsets valid.
  return { text: text.replace(/\s/gu, ' '), highlights };
}
