/** Coverage: of the sentences that hold a deployment, how many an included leaf task overlaps. */
import { originalSpan } from './normalise.ts';
import type { Range } from './text-units.ts';
import type { Decomposition, Span } from './types.ts';
import type { Node } from './tree-builder.ts';
import type { OutputCtx } from './item-output.ts';

/** True for a commitment the draft includes by default: a deployment that is not a restatement of the work areas. */
function isNewDeployment(n: Node): boolean {
  return n.cls?.class === 'deployment' && !n.restatement;
}

/**
 * Coverage means one thing everywhere: of the sentences that hold a deployment, how many overlap an included leaf
 * task. Here the included tasks are the default draft's (every new deployment), so a fresh decomposition covers
 * everything and `measureCoverage` gives the figure again after a reviewer edits the draft.
 */
export function coverageOf(sentences: Range[], nodes: Node[], o: OutputCtx): Decomposition['coverage'] {
  const deployments: Range[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) {
      if (isNewDeployment(n)) deployments.push({ start: n.start, end: n.end });
      walk(n.children);
    }
  };
  walk(nodes);
  deployments.sort((a, b) => a.start - b.start);
  const holdsDeployment = (s: Range) => deployments.some((d) => d.start < s.end && d.end > s.start);
  const unique = new Map<number, Range>();
  for (const s of sentences) if (!unique.has(s.start) && holdsDeployment(s)) unique.set(s.start, s);
  const spans: Span[] = [...unique.values()].sort((a, b) => a.start - b.start).map((s) => originalSpan(o.a, s.start, s.end));
  const cover: Span[] = deployments.map((c) => originalSpan(o.a, c.start, c.end));
  return { ...measureSpans(o.text, spans, cover), sentenceSpans: spans };
}

function measureSpans(text: string, sentences: Span[], cover: Span[]): Omit<Decomposition['coverage'], 'sentenceSpans'> {
  const sorted = [...cover].sort((a, b) => a[0] - b[0]);
  const uncovered: Array<{ span: Span; text: string }> = [];
  let covered = 0;
  let j = 0;
  let maxEnd = -1;
  // Sweep: sentences and covering spans both sorted by start.
  const prefixMax: number[] = [];
  for (const c of sorted) {
    maxEnd = Math.max(maxEnd, c[1]);
    prefixMax.push(maxEnd);
  }
  for (const s of [...sentences].sort((a, b) => a[0] - b[0])) {
    while (j < sorted.length && (sorted[j]?.[0] ?? 0) < s[1]) j++;
    const reach = j > 0 ? (prefixMax[j - 1] ?? -1) : -1;
    if (reach > s[0]) covered++;
    else uncovered.push({ span: s, text: text.slice(s[0], s[1]) });
  }
  return { directiveSentences: sentences.length, covered, uncovered };
}

/**
 * Recomputes coverage after the tree was edited: a directive sentence counts as covered when any of the given
 * spans (tasks kept by the reviewer) overlaps it.
 */
export function measureCoverage(text: string, sentenceSpans: Span[], taskSpans: Span[]): Omit<Decomposition['coverage'], 'sentenceSpans'> {
  return measureSpans(text, sentenceSpans, taskSpans);
}
