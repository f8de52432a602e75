/** The evaluation core (考核评价): rule sets, periods, per-unit scoring and ranking. Other modules import from here. */
export { COMPONENT_KEYS, DEFAULT_RULES, evaluationPeriodBounds, periodEnded, rankUnits, scoreUnit, validateRuleSet } from './evaluation.ts';
export type { Case, ComponentKey, ComponentResult, ComponentRule, RuleSet, UnitFacts, UnitScore } from './evaluation.ts';
