import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './ledger-csv.ts';

describe('CSV fields', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 123', "'+86 123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "\"'\rx\""],
    ['推进城市更新', '推进城市更新'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['', ''],
  ])('writes %j as %j', (input, output) => {
    expect(csvField(input)).toBe(output);
  });

  it('ends a line with CRLF', () => {
    expect(csvLine(['1', '两行\n文本'])).toBe('1,"两行\n文本"\r\n');
  });
});
