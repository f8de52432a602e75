/** 提法对比: what two documents share and where they differ, in formulations, work areas and topics. */
import { convertToHans } from './opencc.ts';
import type { AreaRef, Comparison, DecomposedItem, Decomposition } from './types.ts';

export type { AreaRef, Comparison } from './types.ts';

/** Splits Simplified text into words. Given by the caller: the server's segmenter (jieba) is native, and core runs in a browser too. */
export type Segmenter = (simplified: string) => string[];

/** Area titles at least this similar (0…1) are the same work area carried on. */
const SAME_AREA = 0.3;

function areasOf(d: Decomposition): DecomposedItem[] {
  const out: DecomposedItem[] = [];
  const walk = (items: DecomposedItem[]) => {
    for (const it of items) {
      if (it.kind === 'area') out.push(it);
      else walk(it.children);
    }
  };
  walk(d.items);
  return out;
}

const STOP = new Set(['的', '和', '与', '及', '加快', '推动', '推进', '坚持', '着力', '全面', '持续', '深入', '建设', '发展', '提升', '加强', '不断', '更加', '进一步']);

function words(title: string, segment: Segmenter): Set<string> {
  const simplified = convertToHans(title);
  const out = new Set<string>();
  for (const w of segment(simplified)) if (w.length >= 2 && !STOP.has(w) && /[\u4e00-\u9fff]/u.test(w)) out.add(w);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return (2 * both) / (a.size + b.size);
}

function tagCounts(d: Decomposition): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (items: DecomposedItem[]) => {
    for (const it of items) {
      if (!it.children.length) for (const t of it.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      walk(it.children);
    }
  };
  walk(d.items);
  return counts;
}

function ref(it: DecomposedItem): AreaRef {
  return { label: it.label, title: it.title, tags: it.tags };
}

/**
 * Compares two decompositions. A formulation continues when the other document has it too; with `texts` given
 * (the two original texts) that is checked against the whole other text, not only its list of formulations.
 */
export function compareDocuments(a: Decomposition, b: Decomposition, segment: Segmenter, texts?: { a: string; b: string }): Comparison {
  const normA = texts ? convertToHans(texts.a) : null;
  const normB = texts ? convertToHans(texts.b) : null;
  const keysA = new Map(a.formulations.map((f) => [f.key, f]));
  const keysB = new Map(b.formulations.map((f) => [f.key, f]));
  const countIn = (norm: string | null, key: string): number => {
    if (!norm) return 0;
    let n = 0;
    for (let at = norm.indexOf(key); at !== -1; at = norm.indexOf(key, at + key.length)) n++;
    return n;
  };
  const formulations: Comparison['formulations'] = { new: [], dropped: [], continued: [] };
  for (const [key, fa] of keysA) {
    const fb = keysB.get(key);
    const countB = fb?.count ?? countIn(normB, key);
    if (countB > 0) formulations.continued.push({ key, textA: fa.text, textB: fb?.text ?? key, countA: fa.count, countB });
    else formulations.dropped.push({ key, text: fa.text, count: fa.count });
  }
  for (const [key, fb] of keysB) {
    if (keysA.has(key)) continue;
    const countA = countIn(normA, key);
    if (countA > 0) formulations.continued.push({ key, textA: key, textB: fb.text, countA, countB: fb.count });
    else formulations.new.push({ key, text: fb.text, count: fb.count });
  }

  const areasA = areasOf(a).map((it) => ({ it, w: words(it.title, segment), tags: new Set(it.tags.slice(0, 3)) }));
  const areasB = areasOf(b).map((it) => ({ it, w: words(it.title, segment), tags: new Set(it.tags.slice(0, 3)) }));
  const pairs: Array<{ i: number; j: number; s: number }> = [];
  areasA.forEach((x, i) =>
    areasB.forEach((y, j) => {
      const s = 0.7 * dice(x.w, y.w) + 0.3 * dice(x.tags, y.tags);
      if (s >= SAME_AREA) pairs.push({ i, j, s });
    }),
  );
  pairs.sort((p, q) => q.s - p.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const areas: Comparison['areas'] = { new: [], dropped: [], continued: [] };
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    const x = areasA[p.i];
    const y = areasB[p.j];
    if (x && y) areas.continued.push({ a: ref(x.it), b: ref(y.it), similarity: Math.round(p.s * 100) / 100 });
  }
  areasA.forEach((x, i) => usedA.has(i) || areas.dropped.push(ref(x.it)));
  areasB.forEach((y, j) => usedB.has(j) || areas.new.push(ref(y.it)));

  const ta = tagCounts(a);
  const tb = tagCounts(b);
  const tags: Comparison['tags'] = { new: [], dropped: [], continued: [] };
  for (const [tag, countA] of ta) {
    const countB = tb.get(tag);
    if (countB) tags.continued.push({ tag, countA, countB });
    else tags.dropped.push(tag);
  }
  for (const tag of tb.keys()) if (!ta.has(tag)) tags.new.push(tag);

  return { a: { title: a.document.title, date: a.document.date }, b: { title: b.document.title, date: b.document.date }, formulations, areas, tags };
}
