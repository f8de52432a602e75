/**
 * Key formulations (提法): quoted phrases (“两个确立”), numbered formulas (四个意识, 四化同步, 十四五) and
 * recurring policy phrases (高质量发展), found on the Simplified copy so both scripts give the same keys.
 */
import type { Range } from './text-units.ts';
import { isHan } from './text-units.ts';

export interface RawFormulation {
  key: string;
  kind: 'quoted' | 'numbered' | 'phrase';
  starts: number[];
}

const QUOTED = /“([^“”\n]{2,16})”|「([^「」\n]{2,16})」|"([^"\n]{2,16})"/gu;
const NUMBERED = /(?<![一二三四五六七八九十两双百千万第])[二三四五六七八九十两双](?:个|大|化|项|新|重)[\u4e00-\u9fff]{2}|十[一二三四五六七八九]五/gu;
const NUMBERED_NOT = /(方面|百分点|重点|台阶|维度|领域|部分|阶段|国家|城市|项目|区域|小时|月份|年度|以上|左右|主要|多个|方向|环节|批次|行业|类别|群体|之间|产业|工作|任务)$/u;
const EDGE_STOP = new Set([...'的了和与及或在是为对把被将从以于并而等之其这那也都就还又所着个各了要有中上下把向让使由']);
const START_STOP = new Set([...'第各等与和及或者即']);
const MAX_PHRASES = 30;
const CANDIDATES = 200;
const PHRASE_SCAN = 150_000;
/** Longer recurring strings are repeated sentences, not formulations. */
const MAX_KEPT = 16;

function occurrences(norm: string, key: string, ranges: readonly Range[]): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    let at = norm.indexOf(key, r.start);
    while (at !== -1 && at + key.length <= r.end) {
      out.push(at);
      at = norm.indexOf(key, at + key.length);
    }
  }
  return out;
}

function quotedKeys(norm: string, ranges: readonly Range[]): Set<string> {
  const keys = new Set<string>();
  for (const r of ranges) {
    for (const m of norm.slice(r.start, r.end).matchAll(QUOTED)) {
      const inner = (m[1] ?? m[2] ?? m[3] ?? '').trim();
      if (/[，。；！？：]/u.test(inner)) continue;
      let han = 0;
      for (const c of inner) if (isHan(c)) han++;
      if (han >= 2) keys.add(inner);
    }
  }
  return keys;
}

/**
 * Recurring substrings of four or more characters (up to MAX_KEPT), keeping only closed ones: a phrase is dropped
 * when a longer phrase containing it occurs as often. Grows candidates by position lists, so the work shrinks
 * quickly with length.
 */
function frequentPhrases(norm: string, ranges: readonly Range[], minCount: number): Map<string, number> {
  const runEnd = new Int32Array(norm.length + 1);
  let positions: number[] = [];
  for (const r of ranges) {
    let s = -1;
    for (let i = r.start; i <= r.end; i++) {
      const han = i < r.end && isHan(norm[i]);
      if (han && s === -1) s = i;
      else if (!han && s !== -1) {
        for (let k = s; k < i; k++) runEnd[k] = i;
        for (let k = s; k + 4 <= i; k++) positions.push(k);
        s = -1;
      }
    }
  }
  const levels: Array<Map<string, number>> = [];
  let n = 4;
  let threshold = minCount;
  while (positions.length && n <= MAX_KEPT + 1) {
    const counts = new Map<string, number>();
    for (const p of positions) {
      const g = norm.slice(p, p + n);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    if (n === 4) {
      // Only the most frequent phrases are reported, and no phrase occurs more often than its first four
      // characters: raising the bar to what the top candidates reach keeps long documents fast.
      const sorted = [...counts.values()].sort((a, b) => b - a);
      threshold = Math.max(minCount, sorted[Math.min(sorted.length - 1, CANDIDATES)] ?? minCount);
    }
    for (const [g, c] of counts) if (c < threshold) counts.delete(g);
    levels[n] = counts;
    const kept = new Set<number>();
    for (const p of positions) if (counts.has(norm.slice(p, p + n))) kept.add(p);
    // An (n+1)-gram can only be frequent where both its n-gram head and tail are.
    const next: number[] = [];
    for (const p of kept) if (kept.has(p + 1) && p + n + 1 <= (runEnd[p] ?? 0)) next.push(p);
    positions = next;
    n++;
  }
  const result = new Map<string, number>();
  for (let len = 4; len < levels.length; len++) {
    const level = levels[len];
    if (!level) continue;
    const longer = levels[len + 1];
    const absorbed = new Set<string>();
    if (longer) {
      for (const [g, c] of longer) {
        const head = g.slice(0, -1);
        const tail = g.slice(1);
        if ((level.get(head) ?? 0) <= c) absorbed.add(head);
        if ((level.get(tail) ?? 0) <= c) absorbed.add(tail);
      }
    }
    for (const [g, c] of level) {
      if (absorbed.has(g)) continue;
      if (EDGE_STOP.has(g[0] ?? '') || EDGE_STOP.has(g[g.length - 1] ?? '') || START_STOP.has(g[0] ?? '')) continue;
      result.set(g, c);
    }
  }
  // Drop a phrase that only ever occurs inside a longer kept phrase.
  const byLength = [...result.keys()].sort((a, b) => b.length - a.length);
  for (const g of byLength) {
    const c = result.get(g) ?? 0;
    for (const h of byLength) {
      if (h.length <= g.length) break;
      if ((result.get(h) ?? 0) >= c && h.includes(g)) {
        result.delete(g);
        break;
      }
    }
  }
  return result;
}

/**
 * A phrase that is nearly always preceded (or followed) by the same character is a piece of a longer phrase
 * (造新时代 inside 打造新时代), not a formulation of its own.
 */
function isFragment(norm: string, key: string, starts: readonly number[]): boolean {
  if (starts.length < 2) return false;
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  for (const s of starts) {
    const l = norm[s - 1] ?? '';
    const r = norm[s + key.length] ?? '';
    if (isHan(l)) left.set(l, (left.get(l) ?? 0) + 1);
    if (isHan(r)) right.set(r, (right.get(r) ?? 0) + 1);
  }
  // Dominated by one neighbour, and rarely seen without it.
  const n = starts.length;
  const dominated = (c: number) => c >= n * 0.6 && n - c <= Math.max(1, n * 0.25);
  for (const c of left.values()) if (dominated(c)) return true;
  for (const c of right.values()) if (dominated(c)) return true;
  return false;
}

/** Finds the formulations of a body (ranges of the analysis copy). */
export function findFormulations(norm: string, ranges: readonly Range[]): RawFormulation[] {
  const out: RawFormulation[] = [];
  const taken = new Set<string>();
  const numbered = new Set<string>();
  for (const r of ranges) {
    for (const m of norm.slice(r.start, r.end).matchAll(NUMBERED)) {
      if (!NUMBERED_NOT.test(m[0])) numbered.add(m[0]);
    }
  }
  const quoted = quotedKeys(norm, ranges);
  for (const key of quoted) {
    const starts = occurrences(norm, key, ranges);
    if (!starts.length) continue;
    out.push({ key, kind: numbered.has(key) || /^[一二三四五六七八九十两双]个/u.test(key) ? 'numbered' : 'quoted', starts });
    taken.add(key);
  }
  for (const key of numbered) {
    if (taken.has(key)) continue;
    const starts = occurrences(norm, key, ranges);
    // An unquoted numbered formula must recur to count: "四个中心" twice, not "三个平台" once.
    if (starts.length < 2 && !/^十[一二三四五六七八九]五$/u.test(key)) continue;
    out.push({ key, kind: 'numbered', starts });
    taken.add(key);
  }
  let total = 0;
  for (const r of ranges) total += r.end - r.start;
  const minCount = total < 6000 ? 2 : 3;
  // Recurring phrases of a very long text show in its first part already; mining all of it costs seconds.
  const mined: Range[] = [];
  let budget = PHRASE_SCAN;
  for (const r of ranges) {
    if (budget <= 0) break;
    mined.push({ start: r.start, end: Math.min(r.end, r.start + budget) });
    budget -= r.end - r.start;
  }
  const phrases = [...frequentPhrases(norm, mined, minCount)]
    .filter(([g]) => g.length <= MAX_KEPT && ![...taken].some((k) => k.includes(g) || g.includes(k)))
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  let kept = 0;
  for (const [key] of phrases) {
    if (kept >= MAX_PHRASES) break;
    const starts = occurrences(norm, key, ranges);
    if (isFragment(norm, key, starts)) continue;
    out.push({ key, kind: 'phrase', starts });
    kept++;
  }
  return out.sort((a, b) => b.starts.length - a.starts.length || (a.starts[0] ?? 0) - (b.starts[0] ?? 0));
}
