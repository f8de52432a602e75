/** Evaluation → API shape. The tasks behind a score are listed only where the caller may open them. */
import type { Kysely } from 'kysely';
import type { EvaluationResponse, PeriodsResponse, RatingResponse, RuleSetResponse } from '../../../contract/evaluations.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { visibleTaskIds } from '../tasks/index.ts';
import type { Rating, StoredRuleSet } from './evaluations.repository.ts';
import type { Evaluation, listPeriods } from './evaluations.service.ts';

export async function presentEvaluation(db: Kysely<DB>, actor: Actor, e: Evaluation): Promise<EvaluationResponse> {
  const ids = e.units.flatMap((u) => u.components.flatMap((c) => c.cases.map((x) => x.taskId)));
  const visible = await visibleTaskIds(db, actor, ids);
  return {
    periodKey: e.periodKey,
    start: e.start,
    end: e.end,
    ended: e.ended,
    frozen: e.frozen !== null,
    frozenAt: e.frozen?.at.toISOString() ?? null,
    frozenBy: e.frozen?.by ?? null,
    ruleSet: e.ruleSet,
    units: e.units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      score: u.score,
      rank: u.rank,
      components: u.components.map((c) => {
        const shown = c.cases.filter((x) => visible.has(x.taskId));
        return { key: c.key, score: c.score, weight: c.weight, penalty: c.penalty, numerator: c.numerator, denominator: c.denominator, cases: shown.map((x) => ({ taskId: x.taskId, title: x.title, ok: x.ok, note: { ...x.note } })), hiddenCases: c.cases.length - shown.length };
      }),
    })),
    ratings: e.ratings.map((r) => ({ unitId: r.unitId, rating: r.rating, comment: r.comment, ratedBy: r.ratedBy })),
    abilities: e.abilities,
  };
}

export function presentRuleSet(r: StoredRuleSet): RuleSetResponse {
  return { id: r.id, version: r.version, effectiveFrom: r.effectiveFrom, rules: r.rules as unknown as Record<string, unknown>, note: r.note, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}

export function presentPeriod(p: Awaited<ReturnType<typeof listPeriods>>[number]): PeriodsResponse['items'][number] {
  return { periodKey: p.periodKey, start: p.start, end: p.end, ended: p.ended, frozen: p.frozenAt !== null, frozenAt: p.frozenAt?.toISOString() ?? null, ruleVersion: p.ruleVersion };
}

export function presentRating(r: Rating): RatingResponse {
  return { unitId: r.unitId, periodKey: r.periodKey, rating: r.rating, comment: r.comment };
}
