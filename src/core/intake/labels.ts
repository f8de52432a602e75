/** Enumeration markers: 一、 （一） 1. 1、 （1） ① 第一， 一是 一要 首先 … */
import { CIRCLED_CHARS, parseChineseNumber, parseCircled } from './numbers.ts';

export type LabelStyle =
  | 'part' // 第一部分 第一章
  | 'cn-dun' // 一、
  | 'cn-paren' // （一）
  | 'num-dot' // 1. 1．
  | 'num-dun' // 1、
  | 'num-paren' // （1）
  | 'circled' // ①
  | 'ordinal' // 第一，
  | 'shi' // 一是
  | 'yao' // 一要
  | 'seq'; // 首先 其次 再次 最后

export interface LabelMatch {
  style: LabelStyle;
  value: number;
  /** Offsets in the analysis copy; `end` is where the title begins (after the marker and its punctuation). */
  start: number;
  end: number;
}

/** Conventional depth of each style in Chinese official documents (GB/T 9704: 一、 >（一）> 1. >（1）). */
export const STYLE_RANK: Record<LabelStyle, number> = {
  part: 0,
  'cn-dun': 1,
  'cn-paren': 2,
  'num-dot': 3,
  'num-dun': 3,
  'num-paren': 4,
  circled: 5,
  ordinal: 6,
  shi: 6,
  yao: 6,
  seq: 6,
};

/** Styles that mark a heading on their own; the others need a second item to count as an enumeration. */
export const STRONG_STYLES = new Set<LabelStyle>(['part', 'cn-dun', 'cn-paren']);

/** Styles whose item is one paragraph long even when written at the start of a line. */
export const PARAGRAPH_STYLES = new Set<LabelStyle>(['ordinal', 'shi', 'yao', 'seq']);

const CN = '〇零一二两三四五六七八九十';
const RE_PART = new RegExp(`^第([${CN}]{1,3})(部分|章|篇|节)[ \\u3000：]?`, 'u');
const RE_CN_DUN = new RegExp(`^([${CN}]{1,3})、`, 'u');
const RE_CN_PAREN = new RegExp(`^（([${CN}]{1,3})）[、。．.：]?`, 'u');
const RE_NUM_DOT = /^(\d{1,2})\.(?!\d)\s*/u;
const RE_NUM_DUN = /^(\d{1,2})、/u;
const RE_NUM_PAREN = /^（(\d{1,2})）[、.：]?/u;
const RE_CIRCLED = new RegExp(`^[${CIRCLED_CHARS}]`, 'u');
const RE_ORDINAL = new RegExp(`^第([${CN}]{1,3})[，、：]`, 'u');
const RE_SHI_YAO = new RegExp(`^([${CN}]{1,3})(是|要)(?![求素点件否])`, 'u');
const RE_SEQ = /^(首先|其次|再次|最后)[，：]?/u;
const SEQ_VALUE: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 0 };

function make(style: LabelStyle, value: number | null, start: number, length: number): LabelMatch | null {
  if (value === null || value <= 0 || value > 99) return null;
  return { style, value, start, end: start + length };
}

function matchAt(text: string, at: number, allowed: ReadonlySet<LabelStyle>): LabelMatch | null {
  // Slicing a short window keeps anchored regexps cheap on very long lines.
  const s = text.slice(at, at + 12);
  let m: RegExpExecArray | null;
  if (allowed.has('part') && (m = RE_PART.exec(s))) return make('part', parseChineseNumber(m[1] ?? ''), at, m[0].length);
  if (allowed.has('cn-dun') && (m = RE_CN_DUN.exec(s))) return make('cn-dun', parseChineseNumber(m[1] ?? ''), at, m[0].length);
  if (allowed.has('cn-paren') && (m = RE_CN_PAREN.exec(s))) return make('cn-paren', parseChineseNumber(m[1] ?? ''), at, m[0].length);
  if (allowed.has('num-dot') && (m = RE_NUM_DOT.exec(s))) return make('num-dot', Number(m[1]), at, m[0].length);
  if (allowed.has('num-dun') && (m = RE_NUM_DUN.exec(s))) return make('num-dun', Number(m[1]), at, m[0].length);
  if (allowed.has('num-paren') && (m = RE_NUM_PAREN.exec(s))) return make('num-paren', Number(m[1]), at, m[0].length);
  if (allowed.has('circled') && (m = RE_CIRCLED.exec(s))) return make('circled', parseCircled(m[0]), at, 1);
  if (allowed.has('ordinal') && (m = RE_ORDINAL.exec(s))) return make('ordinal', parseChineseNumber(m[1] ?? ''), at, m[0].length);
  if ((allowed.has('shi') || allowed.has('yao')) && (m = RE_SHI_YAO.exec(s))) {
    const style: LabelStyle = m[2] === '是' ? 'shi' : 'yao';
    if (allowed.has(style)) return make(style, parseChineseNumber(m[1] ?? ''), at, m[0].length);
  }
  if (allowed.has('seq') && (m = RE_SEQ.exec(s))) {
    const value = SEQ_VALUE[m[1] ?? ''] ?? null;
    // 最后 continues whatever 首先/其次 run it ends; the sequence check resolves its value.
    return { style: 'seq', value: value === 0 ? 99 : (value ?? 0), start: at, end: at + m[0].length };
  }
  return null;
}

const LINE_STYLES = new Set<LabelStyle>(['part', 'cn-dun', 'cn-paren', 'num-dot', 'num-dun', 'num-paren', 'circled', 'ordinal', 'shi', 'yao', 'seq']);
const INLINE_STYLES = new Set<LabelStyle>(['cn-paren', 'num-paren', 'circled', 'ordinal', 'shi', 'yao', 'seq']);

/** A marker at the start of a line. */
export function matchLineLabel(text: string, at: number): LabelMatch | null {
  const m = matchAt(text, at, LINE_STYLES);
  // A marker followed by nothing but punctuation or digits is page furniture, not a heading.
  if (m && !/[\u3400-\u9fff]/u.test(text.slice(m.end, m.end + 40).split('\n')[0] ?? '')) return null;
  return m;
}

/** A marker at the start of a clause inside a paragraph. */
export function matchInlineLabel(text: string, at: number, styles: ReadonlySet<LabelStyle> = INLINE_STYLES): LabelMatch | null {
  return matchAt(text, at, styles);
}
