/** Finds taxonomy keywords in the analysis copy once, then answers "which tags fall in this span" quickly. */
import type { Taxonomy } from './taxonomy.ts';

export interface TagIndex {
  /** Positions of keyword hits, ascending. */
  positions: Int32Array;
  /** Tag indexes (into the taxonomy) for each hit; a keyword shared by tags yields one hit per tag. */
  tags: Int32Array;
  /** The keyword of each hit, as matched. */
  words: readonly string[];
  names: readonly string[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new WeakMap<Taxonomy, { re: RegExp; owners: Map<string, number[]> }>();

function compile(taxonomy: Taxonomy): { re: RegExp; owners: Map<string, number[]> } {
  const hit = cache.get(taxonomy);
  if (hit) return hit;
  const owners = new Map<string, number[]>();
  taxonomy.forEach((tag, i) => {
    for (const k of tag.keywords) {
      if (!k) continue;
      const list = owners.get(k) ?? [];
      if (!list.includes(i)) list.push(i);
      owners.set(k, list);
    }
  });
  const keys = [...owners.keys()].sort((a, b) => b.length - a.length);
  // An empty taxonomy still needs a regexp that never matches.
  const re = new RegExp(keys.length ? keys.map(escape).join('|') : '(?!)', 'gu');
  const compiled = { re, owners };
  cache.set(taxonomy, compiled);
  return compiled;
}

/** Scans `norm` for every keyword of the taxonomy. */
export function indexTags(norm: string, taxonomy: Taxonomy): TagIndex {
  const { re, owners } = compile(taxonomy);
  const positions: number[] = [];
  const tags: number[] = [];
  const words: string[] = [];
  re.lastIndex = 0;
  for (const m of norm.matchAll(re)) {
    for (const t of owners.get(m[0]) ?? []) {
      positions.push(m.index ?? 0);
      tags.push(t);
      words.push(m[0]);
    }
  }
  return { positions: Int32Array.from(positions), tags: Int32Array.from(tags), words, names: taxonomy.map((t) => t.name) };
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tag names with hits in [start, end), most hits first, then taxonomy order. */
export function tagsIn(index: TagIndex, start: number, end: number): string[] {
  const counts = new Map<number, number>();
  for (let i = lowerBound(index.positions, start); i < index.positions.length && (index.positions[i] ?? 0) < end; i++) {
    const t = index.tags[i] ?? 0;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([t]) => index.names[t] ?? '');
}

/** The taxonomy keywords found in [start, end) — the objects a clause talks about. */
export function keywordsIn(index: TagIndex, start: number, end: number): Set<string> {
  const out = new Set<string>();
  for (let i = lowerBound(index.positions, start); i < index.positions.length && (index.positions[i] ?? 0) < end; i++) out.add(index.words[i] ?? '');
  return out;
}
