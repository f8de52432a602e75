/**
 * Indicators (对标对表): quantitative targets judged against elapsed time (时序进度). Pure: no I/O.
 *
 * An actual value is the level reached by the end of its period (cumulative: kilometres built so far this year, the
 * growth rate to date), so it is compared with what the straight line from baseline to target expects on the
 * earlier of the period's last day and today.
 */
import { addDays, daysBetween, formatIsoDate, isIsoDate, monthKey, periodKeyBounds, quarterKey, type IsoDate } from '../time.ts';

/** ≥ (reach at least), ≤ (stay at or below), = (hold at, within a tolerance). */
export const INDICATOR_DIRECTIONS = ['at_least', 'at_most', 'equal'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const INDICATOR_PERIODS = ['month', 'quarter', 'year'] as const;
export type IndicatorPeriod = (typeof INDICATOR_PERIODS)[number];

export type IndicatorStatus = 'on_track' | 'yellow' | 'red' | 'no_data';

/** How far behind the time line (as a share of the whole distance) lights yellow / red. */
export const SLACK_SHARE = 0.02;
export const RED_SHARE = 0.2;
/** The tolerance of an `equal` indicator when none is set: 5 % of the target. */
export const DEFAULT_TOLERANCE_SHARE = 0.05;

export interface IndicatorPlan {
  direction: IndicatorDirection;
  baseline: number;
  target: number;
  startDate: IsoDate;
  endDate: IsoDate;
  /** For `equal`: the allowed deviation; null = 5 % of the target. */
  tolerance: number | null;
}

/** The share of the span from start to end that has elapsed on `day` (0 before the start, 1 from the end on). */
export function elapsedShare(plan: Pick<IndicatorPlan, 'startDate' | 'endDate'>, day: IsoDate): number {
  const span = daysBetween(plan.startDate, plan.endDate);
  if (span <= 0) return day >= plan.endDate ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(plan.startDate, day) / span));
}

/**
 * What the time line expects on `day`. For ≥ and ≤ a target that lies in the indicator's direction is approached
 * in a straight line; a target already met by the baseline (a floor or a ceiling to hold) is expected all along.
 * For = the line runs from baseline to target.
 */
export function expectedValue(plan: IndicatorPlan, day: IsoDate): number {
  const s = elapsedShare(plan, day);
  const line = plan.baseline + (plan.target - plan.baseline) * s;
  if (plan.direction === 'at_least') return plan.target > plan.baseline ? line : plan.target;
  if (plan.direction === 'at_most') return plan.target < plan.baseline ? line : plan.target;
  return line;
}

function scaleOf(plan: IndicatorPlan): number {
  const distance = Math.abs(plan.target - plan.baseline);
  if (distance > 0) return distance;
  return Math.abs(plan.target) > 0 ? Math.abs(plan.target) : 1;
}

/** The `equal` tolerance: as set, or 5 % of the target (of 1 for a zero target). */
export function toleranceOf(plan: IndicatorPlan): number {
  if (plan.tolerance !== null && plan.tolerance >= 0) return plan.tolerance;
  return (Math.abs(plan.target) || 1) * DEFAULT_TOLERANCE_SHARE;
}

export interface IndicatorJudgement {
  status: IndicatorStatus;
  /** The day judged: the earlier of the actual's period end and today. */
  asOf: IsoDate;
  expected: number;
  actual: number | null;
  /** How far the actual trails (positive) or leads (≤ 0) the time line, in the indicator's unit. */
  shortfall: number;
}

/** Judges an actual value against the time line; without one there is nothing to judge (`no_data`). */
export function judgeIndicator(plan: IndicatorPlan, actual: { value: number; periodEnd: IsoDate } | null, today: IsoDate): IndicatorJudgement {
  const asOf = actual && actual.periodEnd < today ? actual.periodEnd : today;
  const expected = expectedValue(plan, asOf);
  if (!actual) return { status: 'no_data', asOf, expected, actual: null, shortfall: 0 };
  const ended = asOf >= plan.endDate;
  let shortfall: number;
  let status: IndicatorStatus;
  if (plan.direction === 'equal') {
    const tol = toleranceOf(plan);
    shortfall = Math.abs(actual.value - expected) - tol;
    status = shortfall <= 0 ? 'on_track' : shortfall > 2 * tol || ended ? 'red' : 'yellow';
  } else {
    shortfall = plan.direction === 'at_least' ? expected - actual.value : actual.value - expected;
    const share = shortfall / scaleOf(plan);
    // After the end there is no time left to catch up: any miss of the target is red.
    if (share <= SLACK_SHARE && !(ended && shortfall > 0)) status = 'on_track';
    else status = share >= RED_SHARE || ended ? 'red' : 'yellow';
  }
  return { status, asOf, expected: round(expected), actual: actual.value, shortfall: round(shortfall) };
}

/** Rounds to 4 decimals, so the time line shows 1250 and not 1249.9999999. */
export function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

// ---------------------------------------------------------------------------------------------------------------
// Periods: 'YYYY-MM', 'YYYY-Qn', 'YYYY'.

const YEAR_KEY = /^(\d{4})$/;

/** First and last day of an indicator period key of the given kind; null when the key is not of that kind. */
export function indicatorPeriodBounds(period: IndicatorPeriod, key: string): { start: IsoDate; end: IsoDate } | null {
  if (period === 'year') {
    const m = YEAR_KEY.exec(key);
    return m ? { start: formatIsoDate(Number(m[1]), 1, 1), end: formatIsoDate(Number(m[1]), 12, 31) } : null;
  }
  const b = periodKeyBounds(key);
  if (!b || b.kind !== period) return null;
  return { start: b.start, end: b.end };
}

/** The key of the period holding `day`. */
export function indicatorPeriodOf(period: IndicatorPeriod, day: IsoDate): string {
  if (period === 'year') return day.slice(0, 4);
  return period === 'month' ? monthKey(day) : quarterKey(day);
}

/** Every period overlapping [start, end], oldest first (at most 400, enough for 33 years of months). */
export function indicatorPeriods(period: IndicatorPeriod, start: IsoDate, end: IsoDate): Array<{ key: string; start: IsoDate; end: IsoDate }> {
  const out: Array<{ key: string; start: IsoDate; end: IsoDate }> = [];
  let day = start;
  while (day <= end && out.length < 400) {
    const key = indicatorPeriodOf(period, day);
    const b = indicatorPeriodBounds(period, key)!;
    out.push({ key, ...b });
    day = addDays(b.end, 1);
  }
  return out;
}

/** Problems with a plan as entered, in words (empty when it is sound). */
export function planProblems(plan: IndicatorPlan): string[] {
  const problems: string[] = [];
  if (!isIsoDate(plan.startDate)) problems.push('startDate must be a date YYYY-MM-DD');
  if (!isIsoDate(plan.endDate)) problems.push('endDate must be a date YYYY-MM-DD');
  if (problems.length === 0 && plan.endDate <= plan.startDate) problems.push('endDate must be after startDate');
  for (const k of ['baseline', 'target'] as const) if (!Number.isFinite(plan[k])) problems.push(`${k} must be a number`);
  if (plan.tolerance !== null && !(Number.isFinite(plan.tolerance) && plan.tolerance >= 0)) problems.push('tolerance must be a number ≥ 0');
  return problems;
}

/** The indicator direction a decomposed target's direction maps to. */
export function directionOfTarget(direction: string): IndicatorDirection {
  if (direction === 'decrease' || direction === 'at_most') return 'at_most';
  if (direction === 'around' || direction === 'maintain') return 'equal';
  return 'at_least';
}

// ---------------------------------------------------------------------------------------------------------------
// Words for the task's health light.

export interface IndicatorFact {
  indicatorId: string;
  name: string;
  unit: string;
  plan: IndicatorPlan;
  /** The latest accepted actual, with the last day of its period. */
  latest: { value: number; periodEnd: IsoDate } | null;
}

const fmt = (locale: string, n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);

/** The reason an off-track indicator gives, in three languages (e.g. 指标“新建农村公路”完成1,100/2,500公里，低于时序进度). */
export function offTrackWords(fact: Pick<IndicatorFact, 'name' | 'unit' | 'plan'>, j: IndicatorJudgement): { 'zh-Hans': string; 'zh-Hant': string; en: string } {
  const a = j.actual ?? 0;
  const u = fact.unit;
  const zh = (n: number) => fmt('zh-CN', n);
  const en = (n: number) => fmt('en', n);
  const unitEn = u ? ` ${u}` : '';
  if (fact.plan.direction === 'at_least') {
    return {
      'zh-Hans': `指标“${fact.name}”完成${zh(a)}/${zh(fact.plan.target)}${u}，低于时序进度（应达${zh(j.expected)}）`,
      'zh-Hant': `指標「${fact.name}」完成${zh(a)}/${zh(fact.plan.target)}${u}，低於時序進度（應達${zh(j.expected)}）`,
      en: `indicator “${fact.name}” at ${en(a)}/${en(fact.plan.target)}${unitEn}, behind the time line (expected ${en(j.expected)})`,
    };
  }
  if (fact.plan.direction === 'at_most') {
    return {
      'zh-Hans': `指标“${fact.name}”为${zh(a)}${u}，高于时序要求${zh(j.expected)}${u}（目标不超过${zh(fact.plan.target)}${u}）`,
      'zh-Hant': `指標「${fact.name}」為${zh(a)}${u}，高於時序要求${zh(j.expected)}${u}（目標不超過${zh(fact.plan.target)}${u}）`,
      en: `indicator “${fact.name}” at ${en(a)}${unitEn}, above the time line’s ${en(j.expected)} (target at most ${en(fact.plan.target)}${unitEn})`,
    };
  }
  return {
    'zh-Hans': `指标“${fact.name}”为${zh(a)}${u}，偏离目标${zh(j.expected)}${u}`,
    'zh-Hant': `指標「${fact.name}」為${zh(a)}${u}，偏離目標${zh(j.expected)}${u}`,
    en: `indicator “${fact.name}” at ${en(a)}${unitEn}, off its target of ${en(j.expected)}${unitEn}`,
  };
}
