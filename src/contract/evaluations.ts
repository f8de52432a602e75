/** Request and response shapes of `/api/v1/evaluations` (考核评价). No I/O: the web imports these as types. */
import { Type, type Static } from 'typebox';
import { COMPONENT_KEYS } from '../core/evaluation/evaluation.ts';
import { Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

// Built from COMPONENT_KEYS so the two cannot drift.
export const ComponentKeySchema = Literals(COMPONENT_KEYS);

export const EvaluationPeriodKey = Type.String({ minLength: 4, maxLength: 7, pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$' });
export const PeriodParams = Type.Object({ periodKey: EvaluationPeriodKey });
export const RatingParams = Type.Object({ periodKey: EvaluationPeriodKey, unitId: Type.String({ minLength: 1, maxLength: 64 }) });

/** A rule set as JSON; its content is checked by the evaluation core, which names every problem. */
export const NewRuleSetBody = Type.Object(
  {
    rules: Type.Object({}, { additionalProperties: true }),
    effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
export type NewRuleSetBody = Static<typeof NewRuleSetBody>;

export const RatingBody = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

export const RatingResponse = Type.Object({ unitId: Type.String(), periodKey: Type.String(), rating: Type.Integer(), comment: Nullable(Type.String()) });
export type RatingResponse = Static<typeof RatingResponse>;

export const RuleSetResponse = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  effectiveFrom: Type.String(),
  rules: Type.Object({}, { additionalProperties: true }),
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String() });
export type RuleSetResponse = Static<typeof RuleSetResponse>;

export const RuleSetsResponse = Type.Object({ items: Type.Array(RuleSetResponse), canEdit: Type.Boolean(), componentKeys: Type.Array(ComponentKeySchema) });
export type RuleSetsResponse = Static<typeof RuleSetsResponse>;

export const CaseResponse = Type.Object({
  taskId: Type.String(),
  title: Type.String(),
  ok: Type.Boolean(),
  note: Type.Object({}, { additionalProperties: true }) });
export type CaseResponse = Static<typeof CaseResponse>;

export const ComponentResponse = Type.Object({
  key: ComponentKeySchema,
  score: Nullable(Type.Number()),
  weight: Type.Number(),
  penalty: Nullable(Type.Number()),
  numerator: Type.Number(),
  denominator: Type.Number(),
  /** The tasks behind the component that the caller may open. */
  cases: Type.Array(CaseResponse),
  /** Cases on tasks the caller may not see: counted in the score, not listed. */
  hiddenCases: Type.Integer() });
export type ComponentResponse = Static<typeof ComponentResponse>;

export const UnitScoreResponse = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  score: Type.Number(),
  rank: Type.Integer(),
  components: Type.Array(ComponentResponse) });
export type UnitScoreResponse = Static<typeof UnitScoreResponse>;

export const EvaluationResponse = Type.Object({
  periodKey: Type.String(),
  start: Type.String(),
  end: Type.String(),
  ended: Type.Boolean(),
  frozen: Type.Boolean(),
  frozenAt: Nullable(Type.String()),
  frozenBy: Nullable(Type.String()),
  ruleSet: Type.Object({ id: Type.String(), version: Type.Integer() }),
  units: Type.Array(UnitScoreResponse),
  ratings: Type.Array(Type.Object({ unitId: Type.String(), rating: Type.Integer(), comment: Nullable(Type.String()), ratedBy: Type.String() })),
  abilities: Type.Object({ freeze: Type.Boolean(), rate: Type.Boolean() }) });
export type EvaluationResponse = Static<typeof EvaluationResponse>;

export const PeriodsResponse = Type.Object({
  items: Type.Array(Type.Object({
    periodKey: Type.String(),
    start: Type.String(),
    end: Type.String(),
    ended: Type.Boolean(),
    frozen: Type.Boolean(),
    frozenAt: Nullable(Type.String()),
    ruleVersion: Nullable(Type.Integer()) })) });
export type PeriodsResponse = Static<typeof PeriodsResponse>;

export const evaluationsEndpoints = {
  periods: endpoint({ method: 'GET', path: '/api/v1/evaluations/periods', response: { 200: PeriodsResponse } }),
  get: endpoint({ method: 'GET', path: '/api/v1/evaluations/periods/:periodKey', params: PeriodParams, response: { 200: EvaluationResponse } }),
  freeze: endpoint({ method: 'POST', path: '/api/v1/evaluations/periods/:periodKey/freeze', params: PeriodParams, response: { 201: EvaluationResponse } }),
  rate: endpoint({ method: 'PUT', path: '/api/v1/evaluations/periods/:periodKey/ratings/:unitId', params: RatingParams, body: RatingBody, response: { 200: RatingResponse } }),
  rules: endpoint({ method: 'GET', path: '/api/v1/evaluations/rules', response: { 200: RuleSetsResponse } }),
  createRules: endpoint({ method: 'POST', path: '/api/v1/evaluations/rules', body: NewRuleSetBody, response: { 201: RuleSetResponse } }) };
