/** Chinese numerals as used in enumerations, dates and counts. */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};

export const CN_NUMERAL_CHARS = '〇零一二两三四五六七八九十百';

/** Parses 一 … 九十九 (and 一百), 十三, 二十一; returns null for anything else. */
export function parseChineseNumber(s: string): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '一百') return 100;
  const ten = s.indexOf('十');
  if (ten === -1) {
    if (s.length !== 1) return null;
    return DIGITS[s] ?? null;
  }
  if (s.indexOf('十', ten + 1) !== -1) return null;
  const head = s.slice(0, ten);
  const tail = s.slice(ten + 1);
  const tens = head === '' ? 1 : head.length === 1 ? DIGITS[head] : undefined;
  const ones = tail === '' ? 0 : tail.length === 1 ? DIGITS[tail] : undefined;
  if (tens === undefined || ones === undefined || tens === 0) return null;
  return tens * 10 + ones;
}

/** Parses digit-by-digit years such as 二〇二三 or 二零二四. */
export function parseChineseYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (s.length !== 4) return null;
  let n = 0;
  for (const c of s) {
    const d = DIGITS[c];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/** Parses a day or month written with digits or Chinese numerals. */
export function parseSmallNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumber(s);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① → 1 … ⑳ → 20. */
export function parseCircled(c: string): number | null {
  const i = CIRCLED.indexOf(c);
  return i === -1 ? null : i + 1;
}

export const CIRCLED_CHARS = CIRCLED;
