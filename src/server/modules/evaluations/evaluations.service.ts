/**
 * Evaluation (考核评价) use cases: the ranking of a period (computed live, or as frozen), freezing a period, new
 * versions of the rules, supervisors' ratings. A period is scored with the rules in force on its last day; once
 * frozen its stored results are returned whatever changes later.
 */
import { COMPONENT_KEYS, evaluationPeriodBounds, periodEnded, rankUnits, validateRuleSet, type ComponentKey, type UnitScore } from '../../../core/evaluation/index.ts';
import { addDays, toLocalDate, quarterKey, type IsoDate } from '../../../core/time.ts';
import type { NewRuleSetBody, RatingBody } from '../../../contract/evaluations.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { canFreeze, canManageEvaluations, canRate, canReadEvaluations } from './evaluations.policy.ts';
import {
  findFrozen,
  findRuleSet,
  insertFrozen,
  insertRuleSet,
  listFrozen,
  listRatings,
  listRuleSets,
  loadUnitFacts,
  nextRuleVersion,
  ruleSetInForce,
  unitExists,
  upsertRating,
  type Rating,
  type StoredRuleSet,
} from './evaluations.repository.ts';

export interface Evaluation {
  periodKey: string;
  start: IsoDate;
  end: IsoDate;
  ended: boolean;
  frozen: { at: Date; by: string | null } | null;
  ruleSet: { id: string; version: number };
  units: UnitScore[];
  ratings: Rating[];
  abilities: { freeze: boolean; rate: boolean };
}

function boundsOf(periodKey: string): { start: IsoDate; end: IsoDate } {
  const b = evaluationPeriodBounds(periodKey);
  if (!b) throw badRequest('period_invalid', `${periodKey} is not an evaluation period (YYYY-Qn, YYYY-MM or YYYY)`, { field: 'periodKey' });
  return b;
}

/** The ranking of a period: frozen results when frozen, otherwise computed now with the rules in force at its end. */
export async function getEvaluation(ctx: AppContext, actor: Actor, periodKey: string): Promise<Evaluation> {
  if (!canReadEvaluations(actor)) throw forbidden('Missing permission evaluation.read');
  const { start, end } = boundsOf(periodKey);
  const today = toLocalDate(ctx.clock.now());
  const ended = periodEnded(periodKey, today);
  const frozen = await findFrozen(ctx.db, periodKey);
  const ratings = await listRatings(ctx.db, periodKey);
  if (frozen) {
    const rs = await findRuleSet(ctx.db, frozen.ruleSetId);
    return { periodKey, start, end, ended, frozen: { at: frozen.frozenAt, by: frozen.frozenBy }, ruleSet: { id: frozen.ruleSetId, version: rs?.version ?? 0 }, units: frozen.units, ratings, abilities: { freeze: false, rate: false } };
  }
  const rs = await ruleSetInForce(ctx.db, end);
  const units = rankUnits(await loadUnitFacts(ctx.db, { key: periodKey, start, end }), rs.rules);
  return { periodKey, start, end, ended, frozen: null, ruleSet: { id: rs.id, version: rs.version }, units, ratings, abilities: { freeze: canFreeze(actor, ended), rate: canRate(actor) } };
}

/** Freezes an ended period: computes it once more and stores the results, which every later read returns. */
export async function freezePeriod(ctx: AppContext, actor: Actor, periodKey: string): Promise<void> {
  if (!canManageEvaluations(actor)) throw forbidden('Missing permission evaluation.manage');
  const { start, end } = boundsOf(periodKey);
  const now = ctx.clock.now();
  if (!periodEnded(periodKey, toLocalDate(now))) throw conflict('period_not_ended', `${periodKey} has not ended yet; only a finished period is frozen`);
  await ctx.db.transaction().execute(async (trx) => {
    if (await findFrozen(trx, periodKey)) throw conflict('period_frozen', `${periodKey} is frozen already`);
    const rs = await ruleSetInForce(trx, end);
    const units = rankUnits(await loadUnitFacts(trx, { key: periodKey, start, end }), rs.rules);
    if (!(await insertFrozen(trx, { periodKey, ruleSetId: rs.id, units, frozenBy: actor.kind === 'user' ? actor.id : null, frozenAt: now }))) {
      throw conflict('period_frozen', `${periodKey} is frozen already`);
    }
    await appendAudit(trx, actor, { action: 'evaluation.frozen', objectType: 'evaluation_period', objectId: periodKey, after: { ruleSetId: rs.id, ruleVersion: rs.version, scores: units.map((u) => ({ unitId: u.unitId, score: u.score, rank: u.rank })) } }, now);
  });
}

/** Recent quarters (the current one and the seven before it) and every frozen period, newest first. */
export async function listPeriods(ctx: AppContext, actor: Actor): Promise<Array<{ periodKey: string; start: IsoDate; end: IsoDate; ended: boolean; frozenAt: Date | null; ruleVersion: number | null }>> {
  if (!canReadEvaluations(actor)) throw forbidden('Missing permission evaluation.read');
  const today = toLocalDate(ctx.clock.now());
  const keys = new Set<string>();
  let day = today;
  for (let i = 0; i < 8; i++) {
    const key = quarterKey(day);
    keys.add(key);
    day = addDays(evaluationPeriodBounds(key)!.start, -1);
  }
  const frozen = await listFrozen(ctx.db);
  for (const f of frozen) keys.add(f.periodKey);
  const versions = new Map((await listRuleSets(ctx.db)).map((r) => [r.id, r.version]));
  const byKey = new Map(frozen.map((f) => [f.periodKey, f]));
  return [...keys]
    .map((key) => {
      const b = evaluationPeriodBounds(key)!;
      const f = byKey.get(key);
      return { periodKey: key, start: b.start, end: b.end, ended: periodEnded(key, today), frozenAt: f?.frozenAt ?? null, ruleVersion: f ? versions.get(f.ruleSetId) ?? null : null };
    })
    .sort((a, b) => (a.end === b.end ? b.start.localeCompare(a.start) : b.end.localeCompare(a.end)));
}

export async function getRuleSets(ctx: AppContext, actor: Actor): Promise<{ items: StoredRuleSet[]; canEdit: boolean; componentKeys: ComponentKey[] }> {
  if (!canReadEvaluations(actor)) throw forbidden('Missing permission evaluation.read');
  return { items: await listRuleSets(ctx.db), canEdit: canManageEvaluations(actor), componentKeys: [...COMPONENT_KEYS] };
}

/** A new version of the rules, effective from a day; the core names every problem in the JSON. */
export async function createRuleSet(ctx: AppContext, actor: Actor, input: NewRuleSetBody): Promise<StoredRuleSet> {
  if (!canManageEvaluations(actor)) throw forbidden('Missing permission evaluation.manage');
  const checked = validateRuleSet(input.rules);
  if (!checked.ok) throw badRequest('invalid_rules', checked.problems.join('; '), { problems: checked.problems });
  if (!evaluationPeriodBounds(input.effectiveFrom.slice(0, 4)) || Number.isNaN(Date.parse(input.effectiveFrom))) throw badRequest('invalid_date', 'effectiveFrom must be a date YYYY-MM-DD', { field: 'effectiveFrom' });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rs: StoredRuleSet = {
      id: newId(now.getTime()),
      version: await nextRuleVersion(trx),
      effectiveFrom: input.effectiveFrom,
      rules: checked.rules,
      note: input.note?.trim() || null,
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt: now,
    };
    await insertRuleSet(trx, rs);
    await appendAudit(trx, actor, { action: 'evaluation_rules.created', objectType: 'evaluation_rule_set', objectId: rs.id, after: rs }, now);
    return rs;
  });
}

/** A supervisor's rating of a unit for a period (1–5 with a comment); a second rating replaces the first. */
export async function rateUnit(ctx: AppContext, actor: Actor, periodKey: string, unitId: string, input: RatingBody): Promise<Rating> {
  if (!canManageEvaluations(actor)) throw forbidden('Missing permission evaluation.manage');
  if (!canRate(actor)) throw forbidden('Only a supervisor rates units');
  boundsOf(periodKey);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await unitExists(trx, unitId))) throw notFound('unit');
    if (await findFrozen(trx, periodKey)) throw conflict('period_frozen', `${periodKey} is frozen: its ratings can no longer change`);
    const rating: Rating = { unitId, periodKey, ratedBy: actor.id, rating: input.rating, comment: input.comment?.normalize('NFC').trim() || null };
    const before = await upsertRating(trx, { ...rating, id: newId(now.getTime()), now });
    await appendAudit(trx, actor, { action: 'evaluation_rating.recorded', objectType: 'unit', objectId: unitId, ...(before ? { before } : {}), after: rating, context: { periodKey } }, now);
    return rating;
  });
}
