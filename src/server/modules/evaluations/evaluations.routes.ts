/** HTTP for evaluations (考核评价): periods, the ranking with its components, freezing, rules, ratings. */
import { evaluationsEndpoints as ep } from '../../../contract/evaluations.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentEvaluation, presentPeriod, presentRating, presentRuleSet } from './evaluations.presenter.ts';
import { createRuleSet, freezePeriod, getEvaluation, getRuleSets, listPeriods, rateUnit } from './evaluations.service.ts';

export async function evaluationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.periods.path, {
    config: { permission: 'evaluation.read' },
    schema: routeSchema(ep.periods, { tags: ['evaluations'], summary: 'Recent quarters and every frozen period' }),
  }, async (req) => ({ items: (await listPeriods(ctx, req.actor!)).map(presentPeriod) }));

  app.get(ep.get.path, {
    config: { permission: 'evaluation.read' },
    schema: routeSchema(ep.get, { tags: ['evaluations'], summary: 'The ranking of units for a period, every score with its components and the tasks behind them' }),
  }, async (req) => presentEvaluation(ctx.db, req.actor!, await getEvaluation(ctx, req.actor!, req.params.periodKey)));

  app.post(ep.freeze.path, {
    config: { permission: 'evaluation.manage' },
    schema: routeSchema(ep.freeze, { tags: ['evaluations'], summary: 'Freeze a finished period: its results are stored and returned unchanged from then on' }),
  }, async (req, reply) => {
    await freezePeriod(ctx, req.actor!, req.params.periodKey);
    return reply.status(201).send(await presentEvaluation(ctx.db, req.actor!, await getEvaluation(ctx, req.actor!, req.params.periodKey)));
  });

  app.put(ep.rate.path, {
    config: { permission: 'evaluation.manage' },
    schema: routeSchema(ep.rate, { tags: ['evaluations'], summary: 'A supervisor’s rating (1–5) of a unit for a period, with a comment' }),
  }, async (req) => presentRating(await rateUnit(ctx, req.actor!, req.params.periodKey, req.params.unitId, req.body)));

  app.get(ep.rules.path, {
    config: { permission: 'evaluation.read' },
    schema: routeSchema(ep.rules, { tags: ['evaluations'], summary: 'Every version of the evaluation rules, newest first' }),
  }, async (req) => {
    const r = await getRuleSets(ctx, req.actor!);
    return { items: r.items.map(presentRuleSet), canEdit: r.canEdit, componentKeys: r.componentKeys };
  });

  app.post(ep.createRules.path, {
    config: { permission: 'evaluation.manage' },
    schema: routeSchema(ep.createRules, { tags: ['evaluations'], summary: 'A new version of the rules (JSON), in force from a day' }),
  }, async (req, reply) => reply.status(201).send(presentRuleSet(await createRuleSet(ctx, req.actor!, req.body))));
}
