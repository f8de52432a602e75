/** Turns built nodes into `DecomposedItem`s: titles, spans, targets, deadlines, names and classes in the original script. */
import type { NameHit } from './entities.ts';
import { namesIn } from './entities.ts';
import { findDeadline } from './dates.ts';
import type { AnalysisText } from './normalise.ts';
import { originalSpan } from './normalise.ts';
import type { TagIndex } from './tags.ts';
import { tagsIn } from './tags.ts';
import { findTargets } from './targets.ts';
import type { Range } from './text-units.ts';
import { splitClauses, trimRange } from './text-units.ts';
import type { DecomposedItem, ItemClass, Span, Target } from './types.ts';
import type { Node } from './tree-builder.ts';

export interface OutputCtx {
  text: string;
  a: AnalysisText;
  norm: string;
  tags: TagIndex;
  names: { places: NameHit[]; bodies: NameHit[] };
  /** Prefix counts of digits and of date characters, to skip target and deadline searches where none can be. */
  digits: Int32Array;
  dateChars: Int32Array;
  baseYear: number | null;
  planningYear: number | null;
}

export function prefixCount(norm: string, test: (c: number) => boolean): Int32Array {
  const out = new Int32Array(norm.length + 1);
  for (let i = 0; i < norm.length; i++) out[i + 1] = (out[i] ?? 0) + (test(norm.charCodeAt(i)) ? 1 : 0);
  return out;
}

function has(prefix: Int32Array, start: number, end: number): boolean {
  return (prefix[end] ?? 0) - (prefix[start] ?? 0) > 0;
}

export const DATE_CHARS = new Set(['年', '月', '季'].map((c) => c.charCodeAt(0)));

export function cleanTitle(s: string): string {
  return s.replace(/[\r\n]+/gu, '').replace(/[，,；;：:。.！!？?、\s]+$/u, '').trim();
}

export function toItem(n: Node, o: OutputCtx): DecomposedItem {
  const span = originalSpan(o.a, n.start, n.end);
  const [ts, te] = originalSpan(o.a, n.titleStart, n.titleEnd);
  const own = n.children.length ? n.own : [{ start: n.start, end: n.end }];
  // A review reports results and a section only groups: their numbers are not commitments.
  const measured = n.kind !== 'review' && n.kind !== 'section';
  const targets: Target[] = [];
  let deadline: { iso: string; text: string } | null = null;
  const places = new Map<string, string>();
  const bodies = new Map<string, string>();
  for (const r of own) {
    const clauses = measured && has(o.digits, r.start, r.end) ? splitClauses(o.norm, r.start, r.end) : [];
    for (const c of clauses) {
      for (const t of findTargets(o.norm, c.start, c.end)) {
        const [s, e] = originalSpan(o.a, t.start, t.end);
        targets.push({ text: o.text.slice(s, e), span: [s, e], metric: t.metric === null ? null : metricInOriginal(o, c, t.metric), value: t.value, valueMax: t.valueMax, unit: t.unit, direction: t.direction, trend: t.trend });
      }
    }
    if (!deadline && has(o.dateChars, r.start, r.end)) {
      const d = findDeadline(o.norm, r.start, r.end, o.baseYear, o.planningYear);
      if (d) {
        const [s, e] = originalSpan(o.a, d.start, d.end);
        deadline = { iso: d.iso, text: o.text.slice(s, e) };
      }
    }
    for (const h of namesIn(o.names.places, r.start, r.end)) if (!places.has(h.key)) places.set(h.key, sliceOriginal(o, h.start, h.end));
    for (const h of namesIn(o.names.bodies, r.start, r.end)) if (!bodies.has(h.key)) bodies.set(h.key, sliceOriginal(o, h.start, h.end));
  }
  const label = n.label ? sliceOriginal(o, n.label.start, trimRange(o.norm, n.label.start, n.label.end).end) : null;
  const { cls, cue } = itemClass(n, o);
  return {
    label,
    kind: n.kind,
    title: cleanTitle(o.text.slice(ts, te)),
    span: [span[0], span[1]],
    children: n.children.map((c) => toItem(c, o)),
    tags: tagsIn(o.tags, n.start, n.end),
    targets,
    deadline: deadline?.iso ?? null,
    deadlineText: deadline?.text ?? null,
    places: [...places.values()],
    bodies: [...bodies.values()],
    class: cls,
    classCue: cue,
    keyPoints: (n.keyPoints ?? []).map((k) => {
      const [ks, ke] = originalSpan(o.a, k.start, k.end);
      return { text: cleanTitle(o.text.slice(ks, ke)), span: [ks, ke] as Span };
    }),
    restatement: n.restatement ?? false,
    repeats: n.repeats ? { label: n.repeats.label ? sliceOriginal(o, n.repeats.label.start, trimRange(o.norm, n.repeats.label.start, n.repeats.label.end).end) : null, title: cleanTitle(sliceOriginal(o, n.repeats.titleStart, n.repeats.titleEnd)) } : null,
  };
}

/** Commitments carry their clause class; guidance kinds have theirs by definition; containers have none. */
function itemClass(n: Node, o: OutputCtx): { cls: ItemClass | null; cue: string | null } {
  if (n.cls) return { cls: n.cls.class, cue: n.cueAt ? sliceOriginal(o, n.cueAt.start, n.cueAt.end) : n.cls.cue === null ? null : cueInOriginal(o, n, n.cls.cue) };
  if (n.kind === 'principle' || n.kind === 'requirement') return { cls: 'requirement', cue: null };
  if (n.kind === 'goal') return { cls: 'outcome', cue: null };
  return { cls: null, cue: null };
}

/** The cue as written in the original script (it was found in the Simplified copy). */
function cueInOriginal(o: OutputCtx, n: Node, cue: string): string {
  const at = o.norm.indexOf(cue, n.start);
  return at >= 0 && at + cue.length <= n.end ? sliceOriginal(o, at, at + cue.length) : cue;
}

// Verbs that open most deployments; left out when comparing what two clauses are about.
export function sliceOriginal(o: OutputCtx, start: number, end: number): string {
  const [s, e] = originalSpan(o.a, start, end);
  return o.text.slice(s, e);
}

function metricInOriginal(o: OutputCtx, clause: Range, metric: string): string {
  const at = o.norm.indexOf(metric, clause.start);
  return at >= 0 && at < clause.end ? sliceOriginal(o, at, at + metric.length) : metric;
}
