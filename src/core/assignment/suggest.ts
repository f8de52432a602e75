/**
 * Which unit should lead a task (牵头单位建议). Each unit has a duty profile (职责: a description of its remit and
 * keywords); a unit that led similar tasks before ranks higher. Pure and explainable: every suggestion names the
 * words that matched and the past tasks that resembled this one.
 *
 * All text is compared in its Simplified analysis form (the caller passes `norm` strings), so a Traditional task
 * title finds a profile written in Simplified and the other way round.
 */

export interface UnitProfile {
  unitId: string;
  unitName: string;
  /** Simplified, normalised keywords of the unit's remit (职责关键词). */
  keywords: readonly string[];
  /** Simplified, normalised description of the remit. */
  description: string;
}

export interface PastAssignment {
  unitId: string;
  taskId: string;
  title: string;
  /** Simplified, normalised title. */
  titleNorm: string;
}

export interface Suggestion {
  unitId: string;
  unitName: string;
  /** Higher is better; comparable only between the suggestions of one task. */
  score: number;
  /** The profile keywords found in the task, best first. */
  reasons: string[];
  /** Tasks this unit led that read like this one. */
  similar: Array<{ taskId: string; title: string }>;
}

export interface SuggestInput {
  /** Simplified, normalised title of the task. */
  title: string;
  /** Simplified, normalised key points (clauses folded into the task), which count for less than the title. */
  details?: readonly string[];
}

// Opening verbs say little about whose remit a task is.
const LEAD_VERBS = /^(?:坚持|加快|推进|推动|着力|深入|持续|大力|扎实|全面|奋力|构建|建设|打造|实施|落实|促进|加强|不断|更好|进一步|积极|努力|全力|切实|高标准|高质量|完善|提升|提高|优化|深化|强化|健全|培育|做好|抓好|统筹)+/u;

function bigrams(s: string): Set<string> {
  const han = s.replace(LEAD_VERBS, '').replace(/[^\u4e00-\u9fff]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** A past task this similar (Jaccard of content bigrams) counts as a precedent. */
const SIMILAR = 0.3;
const MAX_SUGGESTIONS = 3;

/** Prepared profiles and history, so suggesting for a hundred tasks does the setup once. */
export interface Suggester {
  suggest(task: SuggestInput): Suggestion[];
}

/** Builds a suggester over the units' profiles and their past assignments. */
export function makeSuggester(profiles: readonly UnitProfile[], history: readonly PastAssignment[] = []): Suggester {
  const units = profiles.map((p) => ({
    ...p,
    // Longer keywords first, so 国际消费中心城市 is credited before 消费 and the shorter one is not counted twice.
    keywords: [...new Set(p.keywords.map((k) => k.trim()).filter((k) => k.length >= 2))].sort((a, b) => b.length - a.length),
    descriptionBigrams: bigrams(p.description),
  }));
  const past = new Map<string, Array<PastAssignment & { grams: Set<string> }>>();
  for (const h of history) {
    const list = past.get(h.unitId) ?? [];
    list.push({ ...h, grams: bigrams(h.titleNorm) });
    past.set(h.unitId, list);
  }

  return {
    suggest(task) {
      const title = task.title;
      const details = (task.details ?? []).join('，');
      const titleGrams = bigrams(title);
      const out: Suggestion[] = [];
      for (const u of units) {
        let score = 0;
        const reasons: string[] = [];
        let inTitle = title;
        let inDetails = details;
        for (const k of u.keywords) {
          // A keyword is credited once, where it first appears; its place is blanked so shorter keywords inside
          // it (消费 in 国际消费中心城市) do not count again.
          const weight = Math.min(4, k.length) * 1.0;
          if (inTitle.includes(k)) {
            score += weight * 1.5;
            reasons.push(k);
            inTitle = inTitle.split(k).join('\u0000');
          } else if (inDetails.includes(k)) {
            score += weight * 0.5;
            reasons.push(k);
            inDetails = inDetails.split(k).join('\u0000');
          }
        }
        // The description speaks in sentences, not keywords: shared two-character words add a little.
        let shared = 0;
        for (const g of titleGrams) if (u.descriptionBigrams.has(g)) shared++;
        score += Math.min(2, shared * 0.25);
        const similar: Suggestion['similar'] = [];
        let best = 0;
        for (const h of past.get(u.unitId) ?? []) {
          const s = jaccard(titleGrams, h.grams);
          if (s >= SIMILAR) {
            similar.push({ taskId: h.taskId, title: h.title });
            best = Math.max(best, s);
          }
        }
        score += best * 8;
        if (reasons.length === 0 && similar.length === 0) continue;
        out.push({ unitId: u.unitId, unitName: u.unitName, score: Math.round(score * 100) / 100, reasons, similar: similar.slice(0, 3) });
      }
      out.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh'));
      return out.slice(0, MAX_SUGGESTIONS);
    },
  };
}
