import { describe, expect, it } from 'vitest';
import { parseCsv } from './import-read.ts';
import { parseDateCell, splitList } from './import-values.ts';

describe('import cell values', () => {
  it.each([
    ['2024-06-30', '2024-06-30'],
    ['2024/6/3', '2024-06-03'],
    ['2024.6.30', '2024-06-30'],
    ['2024年6月30日', '2024-06-30'],
    ['２０２４年６月３０日', '2024-06-30'],
    ['2024年2月底', '2024-02-29'],
    ['2025年2月末', '2025-02-28'],
    ['2024年底', '2024-12-31'],
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['明年', null],
    ['6月底', null],
  ])('reads %j as %j', (input, output) => {
    expect(parseDateCell(input)).toBe(output);
  });

  it('reads Excel date cells and serial numbers, and refuses other numbers', () => {
    expect(parseDateCell(new Date(Date.UTC(2024, 5, 30)))).toBe('2024-06-30');
    expect(parseDateCell(45473)).toBe('2024-06-30');
    expect(parseDateCell(12)).toBeNull();
    expect(parseDateCell(45473.5)).toBeNull();
  });

  it('splits unit lists on the separators offices use', () => {
    expect(splitList('市商务局、市财政局，市教育局;市科技局／市农业农村局\n市文旅局')).toEqual(['市商务局', '市财政局', '市教育局', '市科技局', '市农业农村局', '市文旅局']);
    expect(splitList(' ')).toEqual([]);
  });

  it('parses CSV with quoted separators, doubled quotes, line breaks in a field, and keeps each record’s first line number', () => {
    const rows = parseCsv('a,b\r\n"x,1","say ""hi"""\n"two\nlines",z\n\nlast,row');
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x,1', 'say "hi"'] },
      { row: 3, cells: ['two\nlines', 'z'] },
      { row: 5, cells: [''] },
      { row: 6, cells: ['last', 'row'] },
    ]);
    expect(parseCsv('工作任务\t牵头单位\n甲\t乙')[1]).toEqual({ row: 2, cells: ['甲', '乙'] });
  });
});
