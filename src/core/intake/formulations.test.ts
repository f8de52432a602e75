import { describe, expect, it } from 'vitest';
import { findFormulations } from './formulations.ts';

describe('findFormulations', () => {
  const text =
    '坚定拥护“两个确立”，坚决做到“两个维护”。增强四个意识，增强四个意识。推进四化同步发展，坚持四化同步。' +
    '推动高质量发展，实现高质量发展，促进高质量发展，保障高质量发展。二十大精神。';
  const found = findFormulations(text, [{ start: 0, end: text.length }]);
  const byKey = new Map(found.map((f) => [f.key, f]));

  it('finds quoted phrases and numbered formulas', () => {
    expect(byKey.get('两个确立')?.kind).toBe('numbered');
    expect(byKey.get('四个意识')?.starts).toHaveLength(2);
    expect(byKey.get('四化同步')?.starts).toHaveLength(2);
    expect(byKey.has('十大精神')).toBe(false);
  });

  it('finds recurring policy phrases, not their fragments', () => {
    expect(byKey.get('高质量发展')).toMatchObject({ kind: 'phrase' });
    expect(byKey.get('高质量发展')?.starts).toHaveLength(4);
    expect(byKey.has('质量发展')).toBe(false);
  });
});
