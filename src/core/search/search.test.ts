import { describe, expect, it } from 'vitest';
import { parseQuery, searchForm, snippetOf, tokensOf } from './index.ts';

describe('search tokens', () => {
  it('cuts CJK runs into overlapping bigrams and keeps Latin words and numbers whole, lower-cased', () => {
    expect(tokensOf(searchForm('保障和改善民生，GDP增长5.2%'))).toEqual(['保障', '障和', '和改', '改善', '善民', '民生', 'gdp', '增长', '5', '2']);
    expect(tokensOf(searchForm('县'))).toEqual(['县']);
  });

  it('indexes Traditional text in its Simplified form', () => {
    expect(tokensOf(searchForm('養老服務'))).toEqual(tokensOf(searchForm('养老服务')));
  });

  it('parses a query into phrase terms; one character is a prefix; punctuation only is nothing', () => {
    expect(parseQuery('民生')).toEqual([{ form: '民生', tokens: ['民生'], prefix: false }]);
    expect(parseQuery('養老服務  就业')).toEqual([
      { form: '养老服务', tokens: ['养老', '老服', '服务'], prefix: false },
      { form: '就业', tokens: ['就业'], prefix: false },
    ]);
    expect(parseQuery('民')).toEqual([{ form: '民', tokens: ['民'], prefix: true }]);
    expect(parseQuery('，。！ ')).toEqual([]);
  });
});

describe('search snippets', () => {
  it('marks the match in the original text, converted to the reader’s script', () => {
    const text = '各地區各部門要堅持以人民為中心，著力保障和改善民生，辦好養老服務。';
    const terms = parseQuery('民生 养老');
    const hans = snippetOf(text, terms, 'hans');
    expect(hans.highlights.map(([s, e]) => hans.text.slice(s, e))).toEqual(['民生', '养老']);
    expect(hans.text).toContain('办好养老服务');
    const hant = snippetOf(text, terms, 'hant');
    expect(hant.highlights.map(([s, e]) => hant.text.slice(s, e))).toEqual(['民生', '養老']);
    const asWritten = snippetOf(text, terms, null);
    expect(asWritten.text).toContain('辦好養老服務');
  });

  it('cuts a window around the first match in a long text, with ellipses', () => {
    const text = `${'甲'.repeat(200)}民生${'乙'.repeat(200)}`;
    const s = snippetOf(text, parseQuery('民生'), null, 10);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.slice(s.highlights[0]![0], s.highlights[0]![1])).toBe('民生');
    expect(s.text.length).toBeLessThan(40);
  });
});
