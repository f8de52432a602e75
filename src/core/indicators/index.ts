/** The indicators core (对标对表): time line, judgement, periods and words. Other modules import from here only. */
export {
  DEFAULT_TOLERANCE_SHARE,
  INDICATOR_DIRECTIONS,
  INDICATOR_PERIODS,
  RED_SHARE,
  SLACK_SHARE,
  directionOfTarget,
  elapsedShare,
  expectedValue,
  indicatorPeriodBounds,
  indicatorPeriodOf,
  indicatorPeriods,
  judgeIndicator,
  offTrackWords,
  planProblems,
  round,
  toleranceOf,
} from './indicators.ts';
export type { IndicatorDirection, IndicatorFact, IndicatorJudgement, IndicatorPeriod, IndicatorPlan, IndicatorStatus } from './indicators.ts';
