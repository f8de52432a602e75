/** The parts of a document around its body: title, dateline and front matter, meeting facts, appendices, noise. */
import { findDates, isDateLine } from './dates.ts';
import { matchLineLabel } from './labels.ts';
import { parseSmallNumber } from './numbers.ts';
import type { Range } from './text-units.ts';
import { countHan, splitClauses, splitSentences } from './text-units.ts';

export interface Header {
  /** Lines (indexes) that make the title, possibly several (中国共产党武汉市第十四届委员会 / 第六次全体会议公报). */
  titleLines: number[];
  /** First line of the body. */
  bodyStart: number;
  date: string | null;
}

const METADATA = /^(来源|时间|日期|作者|编辑|责任编辑|发布时间|发布日期|成文日期|字号|发文字号|文号|索引号|主题分类|发文机关|浏览次数|分享)[：]/u;
const CAPTION = /(记者|摄影|通讯员)[^。]{0,12}摄?$|摄$|^图[：]/u;
const TERMINATED = /[。！？]/u;

function text(norm: string, r: Range): string {
  return norm.slice(r.start, r.end);
}

function isFrontMatter(norm: string, r: Range): boolean {
  const s = text(norm, r);
  if (METADATA.test(s) || CAPTION.test(s)) return true;
  if (isDateLine(norm, r.start, r.end)) return true;
  if (/^(——|—|--)/u.test(s)) return true;
  if (/^（[^（）]*）$/u.test(s)) return true;
  if (s.length <= 14 && s.endsWith('：')) return true; // 各位代表： 同志们：
  if (!TERMINATED.test(s) && s.length <= 30 && !s.endsWith('：')) return true;
  return false;
}

/** Finds the title, the dateline and where the body starts. */
export function parseHeader(norm: string, lines: readonly Range[]): Header {
  const titleLines: number[] = [];
  let i = 0;
  while (i < lines.length && i < 3) {
    const r = lines[i];
    if (!r) break;
    const s = text(norm, r);
    if (matchLineLabel(norm, r.start) || TERMINATED.test(s) || s.length > 40 || s.endsWith('：')) break;
    if (isDateLine(norm, r.start, r.end) || /^(——|—|（|\(|【)/u.test(s) || METADATA.test(s)) break;
    if (countHan(norm, r.start, r.end) < 2 || /[>|»›/\\]/u.test(s)) break;
    titleLines.push(i);
    i++;
    // A line ending in 公报, 报告, 通知 … completes the title.
    if (TITLE_WORDS.test(s)) break;
  }
  // A "title" that runs straight into the first body line without any front matter is only trusted if short.
  let bodyStart = i;
  let frontMatter = 0;
  while (bodyStart < lines.length && frontMatter < 10) {
    const r = lines[bodyStart];
    if (!r || matchLineLabel(norm, r.start) || !isFrontMatter(norm, r)) break;
    bodyStart++;
    frontMatter++;
  }
  if (titleLines.length && bodyStart === titleLines.length && bodyStart < lines.length && !titleLooksLikeTitle(norm, lines, titleLines)) {
    titleLines.length = 0;
    bodyStart = 0;
  }
  return { titleLines, bodyStart, date: documentDate(norm, lines, titleLines.length, bodyStart) };
}

const TITLE_WORDS = /(公报|报告|通知|意见|方案|决定|规划|纲要|要点|讲话|决议|通稿|细则|办法|条例|计划|措施|总结|说明|建议|函|批复|通告|公告|会议|纪要)$/u;

function titleLooksLikeTitle(norm: string, lines: readonly Range[], titleLines: number[]): boolean {
  const last = lines[titleLines[titleLines.length - 1] ?? 0];
  return last ? TITLE_WORDS.test(text(norm, last)) : false;
}

function documentDate(norm: string, lines: readonly Range[], titleEnd: number, bodyStart: number): string | null {
  const header = lines.slice(titleEnd, bodyStart);
  const rank = (r: Range): number => {
    const s = text(norm, r);
    if (/^[（(]/u.test(s)) return 0; // (2023年12月28日……通过)
    if (/^(——|—)/u.test(s)) return 1; // ——2026年1月25日在……会议上
    return 2;
  };
  const dated = header
    .map((r) => ({ r, d: findDates(norm, r.start, r.end)[0] }))
    .filter((x) => x.d)
    .sort((a, b) => rank(a.r) - rank(b.r));
  if (dated[0]?.d) return dated[0].d.iso;
  // Official documents put the date under the signature at the end.
  for (const r of lines.slice(-3).reverse()) {
    if (isDateLine(norm, r.start, r.end)) return findDates(norm, r.start, r.end)[0]?.iso ?? null;
  }
  const first = lines[bodyStart];
  if (first) {
    const firstSentence = splitSentences(norm, first.start, first.end)[0];
    if (firstSentence) return findDates(norm, firstSentence.start, firstSentence.end)[0]?.iso ?? null;
  }
  return null;
}

/** The issuing body read from the title: the part before 关于, else the leading name of a party or government body. */
export function issuerFromTitle(title: string): Range | null {
  const about = title.indexOf('关于');
  if (about > 1) return { start: 0, end: about };
  const lead = /^(\d{4}年)?/u.exec(title)?.[0].length ?? 0;
  const m = /^(.+?(?:委员会|人民政府|政府|办公厅|办公室|人大常委会|政协|党委|党组))/u.exec(title.slice(lead));
  if (m?.[1]) return { start: lead, end: lead + m[1].length };
  return null;
}

export interface MeetingMatch {
  members: number | null;
  alternates: number | null;
  start: number;
  end: number;
}

/** 出席全会的有市委委员62人，候补市委委员9人 → members 62, alternates 9. */
export function findMeeting(norm: string, start: number, end: number): MeetingMatch | null {
  const slice = norm.slice(start, end);
  const m = /出席(?:全会|会议|大会|全体会议)的有/u.exec(slice);
  if (!m) return null;
  const from = start + (m.index ?? 0);
  const sentenceEnd = norm.indexOf('。', from);
  const to = sentenceEnd === -1 || sentenceEnd > end ? end : sentenceEnd;
  let members: number | null = null;
  let alternates: number | null = null;
  for (const c of splitClauses(norm, from + m[0].length, to)) {
    for (const part of norm.slice(c.start, c.end).split('、')) {
      const n = /委员([\d〇零一二三四五六七八九十百]+)(?:人|名)/u.exec(part);
      if (!n?.[1]) continue;
      const value = parseSmallNumber(n[1]);
      if (part.includes('候补')) alternates ??= value;
      else members ??= value;
    }
  }
  if (members === null && alternates === null) return null;
  return { members, alternates, start: from, end: to };
}

const APPENDIX = /^(附件|附录|附表)\s*[\d一二三四五六七八九十]*\s*[：]?|^名词解释/u;

/** True if a line opens an appendix (附件, 附录, 名词解释). */
export function isAppendixLine(norm: string, r: Range): boolean {
  const s = text(norm, r);
  return APPENDIX.test(s) && (s.length <= 40 || /^(附件|附录|附表)\s*[\d一二三四五六七八九十]*\s*：/u.test(s));
}

/** True for a line that carries no content: a page number, a stray "2.5", a dateline, a (此件公开发布) note. */
export function isNoiseLine(norm: string, r: Range): boolean {
  const s = text(norm, r);
  if (countHan(norm, r.start, r.end) === 0) return s.length <= 24;
  if (/^[-—\s]*第?\s*\d+\s*页?[-—\s]*$/u.test(s) || /^第\s*\d+\s*页/u.test(s)) return true;
  if (/^（此件[^）]*）$/u.test(s) || /^（[^）]*(公开发布|发至|印发)[^）]*）$/u.test(s)) return true;
  if (METADATA.test(s) || (CAPTION.test(s) && s.length <= 40)) return true;
  return isDateLine(norm, r.start, r.end);
}
