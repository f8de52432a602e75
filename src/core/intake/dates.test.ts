import { describe, expect, it } from 'vitest';
import { findDates, findDeadline, planningYearOf } from './dates.ts';

describe('findDates', () => {
  it('reads Arabic, Chinese and ISO dates', () => {
    const text = '(2023年12月28日通过) 二〇二四年一月五日 时间：2026-02-02 2023年2月30日';
    expect(findDates(text).map((d) => d.iso)).toEqual(['2023-12-28', '2024-01-05', '2026-02-02']);
  });
});

describe('findDeadline', () => {
  const at = (s: string, base: number | null = 2024) => findDeadline(s, 0, s.length, base)?.iso ?? null;
  it.each([
    ['到2025年基本建成', '2025-12-31'],
    ['2024年6月底前完成', '2024-06-30'],
    ['2024年3月31日前上报', '2024-03-31'],
    ['年底前完成清理', '2024-12-31'],
    ['6月底前完成规划', '2024-06-30'],
    ['上半年完成', '2024-06-30'],
    ['明年底前全面完成', '2025-12-31'],
    ['力争2027年实现', '2027-12-31'],
    ['2023年以来成效明显', null],
    ['总结了2023年全市经济工作', null],
  ])('%s → %s', (text, iso) => expect(at(text)).toBe(iso));

  it('dates relative wording by the planning year, 今年 and 明年 by the document year', () => {
    const plan = (s: string) => findDeadline(s, 0, s.length, 2023, 2024)?.iso ?? null;
    expect(plan('年底前完成')).toBe('2024-12-31');
    expect(plan('一季度完成')).toBe('2024-03-31');
    expect(plan('6月底前完成')).toBe('2024-06-30');
    expect(plan('今年底前完成')).toBe('2023-12-31');
    expect(plan('明年底前完成')).toBe('2024-12-31');
  });

  it('plans next year from a late-year document that deploys it, its own year otherwise', () => {
    expect(planningYearOf('2023-12-28', '部署了2024年全市经济工作')).toBe(2024);
    expect(planningYearOf('2023-12-28', '做好明年经济工作')).toBe(2024);
    expect(planningYearOf('2026-01-25', '明年要继续')).toBe(2026);
    expect(planningYearOf('2023-11-02', '总结今年工作')).toBe(2023);
    expect(planningYearOf(null, '明年')).toBeNull();
  });

  it('gives no date for relative wording without a year to resolve it', () => {
    expect(at('年底前完成', null)).toBeNull();
  });
});
