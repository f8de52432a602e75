import { describe, expect, it } from 'vitest';
import { elapsedShare, expectedValue, indicatorPeriodBounds, indicatorPeriodOf, indicatorPeriods, judgeIndicator, offTrackWords, planProblems, type IndicatorPlan } from './index.ts';

const year = (p: Partial<IndicatorPlan>): IndicatorPlan => ({ direction: 'at_least', baseline: 0, target: 2500, startDate: '2024-01-01', endDate: '2024-12-31', tolerance: null, ...p });

describe('the time line (时序进度)', () => {
  it.each([
    ['2023-12-01', 0],
    ['2024-01-01', 0],
    ['2024-07-01', 182 / 365],
    ['2024-12-31', 1],
    ['2025-03-01', 1],
  ])('elapsed share on %s is %f', (day, share) => {
    expect(elapsedShare(year({}), day)).toBeCloseTo(share, 6);
  });

  it.each<[string, Partial<IndicatorPlan>, string, number]>([
    ['≥ rises from baseline to target', {}, '2024-07-01', (2500 * 182) / 365],
    ['≥ with a baseline', { baseline: 1000 }, '2024-12-31', 2500],
    ['≥ floor already met is held all along', { baseline: 3000 }, '2024-03-01', 2500],
    ['≤ falls from baseline to target', { direction: 'at_most', baseline: 100, target: 90 }, '2024-07-01', 100 - (10 * 182) / 365],
    ['≤ ceiling above the baseline is the ceiling', { direction: 'at_most', baseline: 4.8, target: 5.5 }, '2024-02-01', 5.5],
    ['= runs from baseline to target', { direction: 'equal', baseline: 4, target: 5 }, '2024-12-31', 5],
  ])('%s', (_name, plan, day, expected) => {
    expect(expectedValue(year(plan), day)).toBeCloseTo(expected, 6);
  });
});

describe('judging an actual', () => {
  const mid = '2024-07-01'; // 182/365 of the year: the ≥ line expects ≈1246.6 km
  it.each<[string, Partial<IndicatorPlan>, number | null, string, string]>([
    ['no actual: nothing to judge', {}, null, mid, 'no_data'],
    ['ahead of the line', {}, 1300, mid, 'on_track'],
    ['within the 2 % slack', {}, 1200, mid, 'on_track'],
    ['behind the line: yellow', {}, 1100, mid, 'yellow'],
    ['far behind (≥ 20 % of the distance): red', {}, 700, mid, 'red'],
    ['ended short of the target: red', {}, 2450, '2025-01-10', 'red'],
    ['ended on target', {}, 2500, '2025-01-10', 'on_track'],
    ['≤ under the falling line', { direction: 'at_most', baseline: 100, target: 90 }, 94, mid, 'on_track'],
    ['≤ above the falling line: yellow', { direction: 'at_most', baseline: 100, target: 90 }, 96.5, mid, 'yellow'],
    ['≤ far above: red', { direction: 'at_most', baseline: 100, target: 90 }, 99.9, mid, 'red'],
    ['≤ ceiling kept', { direction: 'at_most', baseline: 4.8, target: 5.5 }, 5.4, mid, 'on_track'],
    ['≤ ceiling broken', { direction: 'at_most', baseline: 4.8, target: 5.5 }, 5.9, mid, 'red'],
    ['= within tolerance', { direction: 'equal', baseline: 5, target: 5 }, 5.2, mid, 'on_track'],
    ['= outside tolerance: yellow', { direction: 'equal', baseline: 5, target: 5, tolerance: 0.2 }, 5.5, mid, 'yellow'],
    ['= far outside: red', { direction: 'equal', baseline: 5, target: 5, tolerance: 0.2 }, 6, mid, 'red'],
  ])('%s', (_name, plan, value, today, status) => {
    const actual = value === null ? null : { value, periodEnd: '2024-12-31' };
    expect(judgeIndicator(year(plan), actual, today).status).toBe(status);
  });

  it('judges an actual against the end of its own period, not today', () => {
    // 600 km by the end of March is on the line (≈616 expected); in October the same figure is judged as of March.
    const j = judgeIndicator(year({}), { value: 600, periodEnd: '2024-03-31' }, '2024-10-01');
    expect(j).toMatchObject({ status: 'on_track', asOf: '2024-03-31' });
    expect(j.expected).toBeCloseTo((2500 * 90) / 365, 3);
  });

  it('says why in three languages, with grouped numbers', () => {
    const plan = year({});
    const j = judgeIndicator(plan, { value: 1100, periodEnd: '2024-06-30' }, '2024-07-01');
    const words = offTrackWords({ name: '新建农村公路', unit: '公里', plan }, j);
    expect(words['zh-Hans']).toMatch(/^指标“新建农村公路”完成1,100\/2,500公里，低于时序进度（应达1,2\d\d(\.\d+)?）$/);
    expect(words['zh-Hant']).toContain('指標「新建农村公路」完成1,100/2,500公里，低於時序進度');
    expect(words.en).toContain('at 1,100/2,500 公里, behind the time line');
  });
});

describe('periods', () => {
  it.each<[('month' | 'quarter' | 'year'), string, string | null]>([
    ['month', '2024-02', '2024-02-01..2024-02-29'],
    ['quarter', '2024-Q3', '2024-07-01..2024-09-30'],
    ['year', '2024', '2024-01-01..2024-12-31'],
    ['quarter', '2024-03', null],
    ['year', '2024-Q1', null],
    ['month', '2024-13', null],
  ])('%s %s', (kind, key, bounds) => {
    const b = indicatorPeriodBounds(kind, key);
    expect(b ? `${b.start}..${b.end}` : null).toBe(bounds);
  });

  it('lists the periods of a span and finds the one holding a day', () => {
    expect(indicatorPeriods('quarter', '2024-02-15', '2024-08-01').map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(indicatorPeriods('year', '2024-01-01', '2025-12-31').map((p) => p.key)).toEqual(['2024', '2025']);
    expect(indicatorPeriodOf('month', '2024-11-30')).toBe('2024-11');
  });

  it('names the problems of a plan', () => {
    expect(planProblems(year({}))).toEqual([]);
    expect(planProblems(year({ endDate: '2023-12-31' }))).toEqual(['endDate must be after startDate']);
    expect(planProblems(year({ startDate: 'soon', tolerance: -1 }))).toEqual(['startDate must be a date YYYY-MM-DD', 'tolerance must be a number ≥ 0']);
  });
});
