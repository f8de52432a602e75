import { describe, expect, it } from 'vitest';
import { cleanPdfText, tidySpaces } from './pdf-text.ts';

describe('tidySpaces', () => {
  it.each([
    ['2023 年 12 月 28 日', '2023年12月28日'],
    ['增 长 5.5% 左右', '增长5.5%左右'],
    ['第 6 次 全 体 会 议', '第6次全体会议'],
    ['PM 2.5 浓度', 'PM 2.5浓度'],
  ])('%s → %s', (input, output) => expect(tidySpaces(input)).toBe(output));
});

describe('cleanPdfText', () => {
  it('joins wrapped lines, keeps headings and short paragraph ends, drops page numbers and running heads', () => {
    const page = (n: number, lines: string[]) => ['某某市人民政府文件', ...lines, `- ${n} -`].join('\n');
    const text = cleanPdfText([
      page(1, ['一、总体要求', '全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整准确', '全面贯彻新发展理念，推动高质量发展。', '二、重点任务']),
      page(2, ['（一）推进新型工业化。加快传统产业转型升级，推动制造业高', '端化智能化绿色化发展，培育壮大战略性新兴产业和未来产业。']),
      page(3, ['第 3 页', '（二）扩大有效需求。']),
    ]);
    expect(text.split('\n')).toEqual([
      '一、总体要求',
      '全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。',
      '二、重点任务',
      '（一）推进新型工业化。加快传统产业转型升级，推动制造业高端化智能化绿色化发展，培育壮大战略性新兴产业和未来产业。',
      '（二）扩大有效需求。',
    ]);
  });

  it('keeps a parenthesised dateline on its own line', () => {
    const full = '全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整';
    expect(cleanPdfText([`(2023年12月28日某某会议通过全体会议通过好的)\n${full}\n${full}\n结束。`]).split('\n')[0]).toBe('(2023年12月28日某某会议通过全体会议通过好的)');
  });
});
