/** HTTP for evaluations (考核评价): periods, the ranking with its components, freezing, rules, ratings. */
import { Type } from 'typebox';
import { EvaluationResponse, NewRuleSetBody, PeriodParams, PeriodsResponse, RatingBody, RatingParams, RuleSetResponse, RuleSetsResponse } from '../../../contract/evaluations.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { presentEvaluation, presentRuleSet } from './evaluations.presenter.ts';
import { createRuleSet, freezePeriod, getEvaluation, getRuleSets, listPeriods, rateUnit } from './evaluations.service.ts';

export async function evaluationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/evaluations/periods', {
    config: { permission: 'evaluation.read' },
    schema: { tags: ['evaluations'], summary: 'Recent quarters and every frozen period', response: { 200: PeriodsResponse, ...errorResponses } },
  }, async (req) => ({
    items: (await listPeriods(ctx, req.actor!)).map((p) => ({ periodKey: p.periodKey, start: p.start, end: p.end, ended: p.ended, frozen: p.frozenAt !== null, frozenAt: p.frozenAt?.toISOString() ?? null, ruleVersion: p.ruleVersion })),
  }));

  app.get('/api/v1/evaluations/periods/:periodKey', {
    config: { permission: 'evaluation.read' },
    schema: { tags: ['evaluations'], summary: 'The ranking of units for a period, every score with its components and the tasks behind them', params: PeriodParams, response: { 200: EvaluationResponse, ...errorResponses } },
  }, async (req) => presentEvaluation(ctx.db, req.actor!, await getEvaluation(ctx, req.actor!, req.params.periodKey)));

  app.post('/api/v1/evaluations/periods/:periodKey/freeze', {
    config: { permission: 'evaluation.manage' },
    schema: { tags: ['evaluations'], summary: 'Freeze a finished period: its results are stored and returned unchanged from then on', params: PeriodParams, response: { 201: EvaluationResponse, ...errorResponses } },
  }, async (req, reply) => {
    await freezePeriod(ctx, req.actor!, req.params.periodKey);
    return reply.status(201).send(await presentEvaluation(ctx.db, req.actor!, await getEvaluation(ctx, req.actor!, req.params.periodKey)));
  });

  app.put('/api/v1/evaluations/periods/:periodKey/ratings/:unitId', {
    config: { permission: 'evaluation.manage' },
    schema: { tags: ['evaluations'], summary: 'A supervisor’s rating (1–5) of a unit for a period, with a comment', params: RatingParams, body: RatingBody, response: { 200: Type.Object({ unitId: Type.String(), periodKey: Type.String(), rating: Type.Integer(), comment: Type.Union([Type.Null(), Type.String()]) }), ...errorResponses } },
  }, async (req) => {
    const r = await rateUnit(ctx, req.actor!, req.params.periodKey, req.params.unitId, req.body);
    return { unitId: r.unitId, periodKey: r.periodKey, rating: r.rating, comment: r.comment };
  });

  app.get('/api/v1/evaluations/rules', {
    config: { permission: 'evaluation.read' },
    schema: { tags: ['evaluations'], summary: 'Every version of the evaluation rules, newest first', response: { 200: RuleSetsResponse, ...errorResponses } },
  }, async (req) => {
    const r = await getRuleSets(ctx, req.actor!);
    return { items: r.items.map(presentRuleSet), canEdit: r.canEdit, componentKeys: r.componentKeys };
  });

  app.post('/api/v1/evaluations/rules', {
    config: { permission: 'evaluation.manage' },
    schema: { tags: ['evaluations'], summary: 'A new version of the rules (JSON), in force from a day', body: NewRuleSetBody, response: { 201: RuleSetResponse, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentRuleSet(await createRuleSet(ctx, req.actor!, req.body))));
}
