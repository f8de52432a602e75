/** Paragraphs that sum up the work areas again (全会强调，要……坚持……): their deployments are not new work. */
import type { Node } from './tree-builder.ts';

// Verbs that open most deployments; left out when comparing what two clauses are about.
const LEAD_WORDS = /^(?:坚持|加快|推进|推动|着力|深入|持续|大力|扎实|全面|奋力|构建|建设|打造|实施|落实|促进|加强|不断|更好|进一步|积极|努力|全力|切实|高标准|高质量)+/u;

function contentBigrams(s: string): Set<string> {
  const han = s.replace(LEAD_WORDS, '').replace(/[^\u4e00-\u9fff]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/**
 * A paragraph outside the work areas that mostly repeats them (全会强调，要……坚持大力推进新型工业化……) sums the
 * plan up; its deployments are not new work. A clause repeats an earlier area when at least 60 % of its content
 * bigrams (lead verbs left out) occur in that area's text; the paragraph is a restatement when at least half of its
 * deployments repeat one.
 */
export function markRestatements(nodes: Node[], norm: string): void {
  const areas: Array<{ node: Node; bigrams: Set<string> }> = [];
  const visit = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'area') {
        areas.push({ node: n, bigrams: contentBigrams(norm.slice(n.start, n.end)) });
        continue;
      }
      if (n.kind === 'section') {
        visit(n.children);
        continue;
      }
      if (n.kind !== 'paragraph' || !areas.length) continue;
      const deployments = n.children.filter((c) => c.cls?.class === 'deployment');
      let repeating = 0;
      for (const c of deployments) {
        const own = contentBigrams(norm.slice(c.titleStart, c.titleEnd));
        if (own.size < 2) continue;
        let best: { node: Node; ratio: number } | null = null;
        for (const a of areas) {
          let hits = 0;
          for (const b of own) if (a.bigrams.has(b)) hits++;
          const ratio = hits / own.size;
          if (ratio >= 0.6 && (!best || ratio > best.ratio)) best = { node: a.node, ratio };
        }
        if (best) {
          c.repeats = best.node;
          repeating++;
        }
      }
      if (deployments.length >= 2 && repeating * 2 >= deployments.length) {
        n.restatement = true;
        for (const c of n.children) c.restatement = true;
      }
    }
  };
  visit(nodes);
}
