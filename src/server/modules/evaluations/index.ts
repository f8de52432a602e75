/** The evaluations module's public surface (考核评价). */
export { evaluationRoutes } from './evaluations.routes.ts';
export { createRuleSet, freezePeriod, getEvaluation, getRuleSets, listPeriods, rateUnit, type Evaluation } from './evaluations.service.ts';
