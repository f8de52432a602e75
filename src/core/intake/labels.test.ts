import { describe, expect, it } from 'vitest';
import { matchInlineLabel, matchLineLabel } from './labels.ts';
import { analyseText } from './normalise.ts';

const line = (s: string) => {
  const norm = analyseText(s).norm;
  const m = matchLineLabel(norm, 0);
  return m ? [m.style, m.value, s.slice(m.start, m.end)] : null;
};

describe('line markers', () => {
  it.each([
    ['一、总体要求', ['cn-dun', 1, '一、']],
    ['十二、加强领导', ['cn-dun', 12, '十二、']],
    ['（三）扩大内需', ['cn-paren', 3, '（三）']],
    ['(三)扩大内需', ['cn-paren', 3, '(三)']],
    ['1.发展数字经济', ['num-dot', 1, '1.']],
    ['1．发展数字经济', ['num-dot', 1, '1．']],
    ['１．发展数字经济', ['num-dot', 1, '１．']],
    ['2、发展数字经济', ['num-dun', 2, '2、']],
    ['（1）新建学校', ['num-paren', 1, '（1）']],
    ['③改造医院', ['circled', 3, '③']],
    ['第一，扩大内需', ['ordinal', 1, '第一，']],
    ['第二部分 重点任务', ['part', 2, '第二部分 ']],
    ['一是稳定就业', ['shi', 1, '一是']],
    ['三要坚持底线思维', ['yao', 3, '三要']],
    ['首先，要坚持', ['seq', 1, '首先，']],
  ])('%s', (text, expected) => expect(line(text)).toEqual(expected));

  it.each(['2.5', '- 3 -', '12', '2023.12.28', '1.5亿元投资', '一要素市场化', '统一是关键'])('ignores %s', (text) => {
    expect(line(text)).toBeNull();
  });

  it('finds inline markers at a clause start', () => {
    const norm = analyseText('任务：(1)建设').norm;
    expect(matchInlineLabel(norm, 3)).toMatchObject({ style: 'num-paren', value: 1 });
  });
});
