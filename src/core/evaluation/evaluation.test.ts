import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, evaluationPeriodBounds, periodEnded, rankUnits, scoreUnit, validateRuleSet, type RuleSet, type UnitFacts } from './index.ts';

const none = (over: Partial<UnitFacts> = {}): UnitFacts => ({
  unitId: 'u1', unitName: '甲局', assignments: [], reports: [], accepted: [], due: [], rectifications: [], overdue: [], ratings: [], instructions: [], ...over,
});
const t = (n: number) => ({ taskId: `t${n}`, title: `任务${n}` });

describe('components', () => {
  const only = (key: keyof RuleSet['components'], rule: object = { weight: 1 }): RuleSet => ({ components: { [key]: rule } });
  it.each<[string, RuleSet, Partial<UnitFacts>, number | null]>([
    ['signing within 3 days', only('onTimeSigning', { weight: 1, withinDays: 3 }), { assignments: [
      { ...t(1), assignedAt: '2024-07-01T00:00:00Z', signedAt: '2024-07-03T00:00:00Z' },
      { ...t(2), assignedAt: '2024-07-01T00:00:00Z', signedAt: '2024-07-09T00:00:00Z' },
      { ...t(3), assignedAt: '2024-07-01T00:00:00Z', signedAt: null },
      { ...t(4), assignedAt: '2024-07-01T00:00:00Z', signedAt: '2024-07-04T00:00:00Z' },
    ] }, 50],
    ['reports on time', only('onTimeReports'), { reports: [{ ...t(1), late: false }, { ...t(2), late: true }, { ...t(3), late: false }] }, 66.67],
    ['accepted at first submission', only('firstTimeAccepted'), { accepted: [{ ...t(1), revision: 1 }, { ...t(2), revision: 3 }] }, 50],
    ['closure by the due day', only('closureRate'), { due: [{ ...t(1), dueDate: '2024-09-30', closedOnTime: true }] }, 100],
    ['rectifications on time', only('rectificationSpeed'), { rectifications: [{ ...t(1), dueDate: '2024-08-01', closedOnTime: false, daysLate: 4 }] }, 0],
    ['ratings 1–5 → 0–100', only('supervisorRatings'), { ratings: [{ rating: 4, ratedBy: 'a', comment: null }, { rating: 5, ratedBy: 'b', comment: '好' }] }, 87.5],
    ['instructions answered within 14 days', only('instructionsAnswered'), { instructions: [
      { ...t(1), createdAt: '2024-07-01T00:00:00Z', answeredAt: '2024-07-10T00:00:00Z' },
      { ...t(2), createdAt: '2024-07-01T00:00:00Z', answeredAt: null },
    ] }, 50],
    ['no case: not applicable', only('closureRate'), {}, null],
  ])('%s', (_name, rules, facts, score) => {
    const r = scoreUnit(none(facts), rules);
    expect(r.components[0]!.score).toBe(score);
  });

  it('keeps the cases behind each component, so the score explains itself', () => {
    const r = scoreUnit(none({ reports: [{ ...t(1), late: true }] }), only('onTimeReports'));
    expect(r.components[0]).toMatchObject({ numerator: 0, denominator: 1, cases: [{ taskId: 't1', title: '任务1', ok: false, note: { late: 1 } }] });
  });
});

describe('the total', () => {
  const rules: RuleSet = { components: { onTimeReports: { weight: 30 }, closureRate: { weight: 10 }, supervisorRatings: { weight: 10 }, overdueDays: { perDay: 1, max: 5 } } };
  it.each<[string, Partial<UnitFacts>, number]>([
    ['weighted mean of the applicable components', { reports: [{ ...t(1), late: false }], due: [{ ...t(2), dueDate: '2024-09-01', closedOnTime: false }] }, 75],
    ['weights of components without cases go to the others', { reports: [{ ...t(1), late: false }] }, 100],
    ['overdue days take points off, up to the cap', { reports: [{ ...t(1), late: false }], overdue: [{ ...t(3), days: 2 }, { ...t(4), days: 30 }] }, 95],
    ['a penalty never takes the score below 0', { overdue: [{ ...t(3), days: 30 }] }, 0],
  ])('%s', (_name, facts, score) => {
    expect(scoreUnit(none(facts), rules).score).toBe(score);
  });

  it('ranks highest first; equal scores share a rank', () => {
    const a = none({ unitId: 'a', unitName: '乙局', reports: [{ ...t(1), late: false }] });
    const b = none({ unitId: 'b', unitName: '甲局', reports: [{ ...t(1), late: false }] });
    const c = none({ unitId: 'c', unitName: '丙局', reports: [{ ...t(1), late: true }] });
    expect(rankUnits([c, a, b], rules).map((u) => [u.unitId, u.rank, u.score])).toEqual([['b', 1, 100], ['a', 1, 100], ['c', 3, 0]]);
  });

  it('scores with the default rules', () => {
    const r = scoreUnit(none({ reports: [{ ...t(1), late: false }], ratings: [{ rating: 3, ratedBy: 'x', comment: null }] }), DEFAULT_RULES);
    expect(r.score).toBe(round((100 * 20 + 50 * 10) / 30));
  });
});

const round = (n: number) => Math.round(n * 100) / 100;

describe('rule sets', () => {
  it('accepts the defaults and names every problem with its path', () => {
    expect(validateRuleSet(DEFAULT_RULES)).toEqual({ ok: true, rules: DEFAULT_RULES });
    expect(validateRuleSet([])).toEqual({ ok: false, problems: ['the rule set must be an object with "components"'] });
    const bad = validateRuleSet({ components: { speed: { weight: 1 }, onTimeReports: { weight: -1, colour: 'red' }, overdueDays: { weight: 3 }, closureRate: { withinDays: 1.5 } }, extra: 1 });
    expect(bad).toEqual({ ok: false, problems: [
      'unknown field "extra"',
      'components.speed is not a component (one of onTimeSigning, onTimeReports, firstTimeAccepted, closureRate, rectificationSpeed, supervisorRatings, instructionsAnswered, overdueDays)',
      'components.onTimeReports.weight must be a number ≥ 0',
      'components.onTimeReports.colour is not a setting',
      'components.overdueDays is a penalty: set perDay and max, not weight',
      'components.closureRate.withinDays must be a whole number of days up to 365',
      'at least one component needs a weight above 0',
    ] });
  });
});

describe('periods', () => {
  it.each<[string, string | null]>([
    ['2024-Q3', '2024-07-01..2024-09-30'],
    ['2024-07', '2024-07-01..2024-07-31'],
    ['2024', '2024-01-01..2024-12-31'],
    ['2024-W05', null],
    ['2024-Q5', null],
  ])('%s', (key, bounds) => {
    const b = evaluationPeriodBounds(key);
    expect(b ? `${b.start}..${b.end}` : null).toBe(bounds);
  });
  it('has ended only after its last day', () => {
    expect(periodEnded('2024-Q3', '2024-09-30')).toBe(false);
    expect(periodEnded('2024-Q3', '2024-10-01')).toBe(true);
  });
});
