/**
 * Clean-up of text extracted from a PDF: page furniture removed, lines that were only wrapped joined back into
 * sentences, and the spaces PDF generators put between CJK characters and around numbers (2023 年) removed.
 */

const PAGE_NUMBER = /^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)$/iu;
const HEADING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十百\d]+[章节条部分]|附件|附录)/u;
const SENTENCE_END = /[。！？；：”」』）!?;:]$/u;
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff01-\\uff5e“”‘’';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[${CJK}])`, 'gu');
const SPACE_CJK_ASCII = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[0-9A-Za-z%.])`, 'gu');
const SPACE_ASCII_CJK = new RegExp(`([0-9A-Za-z%.])[ \\t\\u00a0]+(?=[${CJK}])`, 'gu');

/** Removes spaces inside CJK text and between CJK and numbers: "2023 年 12 月" → "2023年12月". */
export function tidySpaces(line: string): string {
  return line.replace(SPACE_BETWEEN_CJK, '$1').replace(SPACE_CJK_ASCII, '$1').replace(SPACE_ASCII_CJK, '$1').replace(/[ \t\u00a0]{2,}/gu, ' ').trim();
}

function length(line: string): number {
  return [...line].length;
}

/** Lines repeated at the top or bottom of most pages (running headers and footers). */
function runningLines(pages: string[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set([lines[0], lines[1], lines[lines.length - 1], lines[lines.length - 2]].filter((l): l is string => !!l));
    for (const l of seen) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const out = new Set<string>();
  if (pages.length >= 3) for (const [l, c] of counts) if (c >= pages.length * 0.6) out.add(l.replace(/\d+/gu, '#'));
  return out;
}

/** Turns per-page extracted text into paragraphs, one per line. */
export function cleanPdfText(pageTexts: readonly string[]): string {
  const pages = pageTexts.map((p) =>
    p
      .split(/\r?\n/u)
      .map(tidySpaces)
      .filter((l) => l && !PAGE_NUMBER.test(l)),
  );
  const running = runningLines(pages);
  const lines = pages.flat().filter((l) => !running.has(l.replace(/\d+/gu, '#')));
  const lengths = lines.map(length).filter((n) => n >= 8).sort((a, b) => a - b);
  // Body lines fill the measure; take a high percentile so short last lines of paragraphs do not drag it down.
  const full = lengths.length ? (lengths[Math.floor(lengths.length * 0.9)] ?? 0) : 0;
  const paragraphs: string[] = [];
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!current) current = line;
    else current = /[A-Za-z0-9]$/u.test(current) && /^[A-Za-z]/u.test(line) ? `${current} ${line}` : current + line;
    const next = lines[i + 1];
    const n = length(line);
    // A line that fills the measure runs on even after a full stop: paragraphs rarely end exactly at the margin.
    const filled = full > 0 && n >= full - 1;
    const wrapped = full > 0 && n >= full * 0.8 && !SENTENCE_END.test(line);
    const parenthetical = /^[（(].*[）)]$/u.test(line);
    const continues = next !== undefined && !HEADING.test(next) && !parenthetical && (filled || wrapped || /^[，。、；：）”」%]/u.test(next));
    if (!continues) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n');
}
