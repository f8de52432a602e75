/** Dates of a document and deadlines of its commitments. */
import { parseChineseYear, parseSmallNumber } from './numbers.ts';

const CN_D = '〇零一二三四五六七八九十';

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function endOfMonth(y: number, m: number): string | null {
  if (m < 1 || m > 12) return null;
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

const FULL_DATE = new RegExp(
  `(\\d{4}|[${CN_D}]{4})\\s*年\\s*(\\d{1,2}|[${CN_D}]{1,3})\\s*月\\s*(\\d{1,2}|[${CN_D}]{1,3})\\s*日|(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})(?!\\d)`,
  'gu',
);

export interface FoundDate {
  iso: string;
  start: number;
  end: number;
}

/** Every full calendar date in a range (2023年12月28日, 二〇二三年十二月二十八日, 2026-02-02). */
export function findDates(text: string, start = 0, end = text.length): FoundDate[] {
  const out: FoundDate[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(FULL_DATE)) {
    const y = m[1] ? parseChineseYear(m[1]) : Number(m[4]);
    const mo = m[2] ? parseSmallNumber(m[2]) : Number(m[5]);
    const d = m[3] ? parseSmallNumber(m[3]) : Number(m[6]);
    if (y === null || mo === null || d === null) continue;
    const value = iso(y, mo, d);
    if (value) out.push({ iso: value, start: start + (m.index ?? 0), end: start + (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** True if the range holds a date and little else (a dateline, a signature date, a "时间：" line). */
export function isDateLine(text: string, start: number, end: number): boolean {
  if (end - start > 80) return false;
  const dates = findDates(text, start, end);
  if (!dates.length) return false;
  let rest = text.slice(start, end);
  for (const d of dates) rest = rest.replace(text.slice(d.start, d.end), '');
  rest = rest.replace(/[\s（）()—\-：:，,。]|时间|日期|发布|印发|通过|于|在/gu, '');
  return rest.length <= 4;
}

export interface Deadline {
  iso: string;
  text: string;
  start: number;
  end: number;
}

// Only wording that sets a limit counts: 到2025年, 2025年底前, 年底前, 6月底前, 上半年, 年内, 2024年3月31日前.
const DEADLINE = new RegExp(
  [
    `(?<to>到|至|力争|争取|确保|在)?(?<y>\\d{4})年(?:(?<m>\\d{1,2})月(?:(?<d>\\d{1,2})日)?)?(?<tail>底前|底之前|末前|年底前|底|末|前|之前|以前|内|以内)?`,
    `(?<rel>今年|明年|本年度|年)(?<reltail>底前|末前|底|末|内)`,
    `(?<rm>\\d{1,2})月(?<rmtail>底前|末前|底|末|中旬前|上旬前|下旬前|前|之前)`,
    `(?<half>上半年|下半年|年内|年底|年末|一季度末|第一季度|二季度末|第二季度|三季度末|第三季度|四季度末|第四季度|一季度|二季度|三季度|四季度)`,
  ].join('|'),
  'gu',
);

const QUARTER_END: Record<string, [number, number]> = {
  上半年: [6, 30], 下半年: [12, 31], 年内: [12, 31], 年底: [12, 31], 年末: [12, 31],
  一季度末: [3, 31], 第一季度: [3, 31], 二季度末: [6, 30], 第二季度: [6, 30],
  三季度末: [9, 30], 第三季度: [9, 30], 四季度末: [12, 31], 第四季度: [12, 31],
  一季度: [3, 31], 二季度: [6, 30], 三季度: [9, 30], 四季度: [12, 31],
};

/**
 * The year a document plans for. A communiqué adopted late in the year (from October) that speaks of 明年 or of
 * the next year by number deploys next year's work, so its 年底前 means next year's end; a work report delivered in
 * January plans its own year.
 */
export function planningYearOf(date: string | null, norm: string): number | null {
  if (!date) return null;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 10 && (norm.includes('明年') || norm.includes(`${year + 1}年`))) return year + 1;
  return year;
}

/**
 * The first deadline stated in a range. `baseYear` (the document's year) resolves 今年 and 明年 (the year after);
 * `planningYear` (see `planningYearOf`, default `baseYear`) resolves 年底前, 6月底前, 上半年, 一季度. Without a
 * year those give no date. A bare year needs 到/至/力争/确保 before it or 底/前/内 after it, so "2023年以来" or
 * "总结2023年工作" are not deadlines.
 */
export function findDeadline(text: string, start: number, end: number, baseYear: number | null, planningYear: number | null = baseYear): Deadline | null {
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(DEADLINE)) {
    const g = m.groups ?? {};
    let value: string | null = null;
    if (g.y) {
      if (!g.to && !g.tail) continue;
      if (g.to === '在' && !g.tail) continue;
      const y = Number(g.y);
      if (g.m && g.d) value = iso(y, Number(g.m), Number(g.d));
      else if (g.m) value = endOfMonth(y, Number(g.m));
      else value = iso(y, 12, 31);
    } else if (g.rel) {
      const y = g.rel === '明年' ? (baseYear === null ? null : baseYear + 1) : g.rel === '今年' ? baseYear : planningYear;
      if (y === null) continue;
      value = iso(y, 12, 31);
    } else if (g.rm) {
      if (planningYear === null) continue;
      const mo = Number(g.rm);
      const tail = g.rmtail ?? '';
      value = tail.startsWith('中旬') ? iso(planningYear, mo, 20) : tail.startsWith('上旬') ? iso(planningYear, mo, 10) : endOfMonth(planningYear, mo);
    } else if (g.half) {
      if (planningYear === null) continue;
      const q = QUARTER_END[g.half];
      if (q) value = iso(planningYear, q[0], q[1]);
    }
    if (value) {
      const at = start + (m.index ?? 0);
      return { iso: value, text: m[0], start: at, end: at + m[0].length };
    }
  }
  return null;
}
