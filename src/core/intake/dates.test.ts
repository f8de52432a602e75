import { describe, expect, it } from 'vitest';
import { findDates, findDeadline } from './dates.ts';

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

  it('gives no date for relative wording without a year to resolve it', () => {
    expect(at('年底前完成', null)).toBeNull();
  });
});
