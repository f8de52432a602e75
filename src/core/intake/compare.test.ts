import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentWords } from '../../server/platform/segment.ts';
import { compareDocuments, decompose } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intake/${name}`, import.meta.url), 'utf8');

describe('compareDocuments', () => {
  const a = fixture('cewc_2023.txt');
  const b = fixture('000_90be646031b961ed.txt');
  const c = compareDocuments(decompose(a), decompose(b), segmentWords, { a, b });

  it('matches work areas across scripts and wording', () => {
    const continued = c.areas.continued.map((p) => [p.a.label, p.b.label]);
    expect(continued).toEqual(expect.arrayContaining([['一是', '一要'], ['七是', '四要'], ['二是', '二要']]));
    expect(c.areas.dropped.map((x) => x.label)).toContain('六是');
  });

  it('sorts formulations into new, dropped and continued', () => {
    expect(c.formulations.new.map((f) => f.key)).toEqual(expect.arrayContaining(['四化同步', '时时放心不下']));
    expect(c.formulations.dropped.map((f) => f.key)).toEqual(expect.arrayContaining(['两个毫不动摇', '平急两用']));
    expect(c.formulations.continued.map((f) => f.key)).toEqual(expect.arrayContaining(['高质量发展', '千万工程', '国之大者']));
  });

  it('finds a document identical to itself', () => {
    const d = decompose(b);
    const self = compareDocuments(d, d, segmentWords);
    expect(self.formulations.new).toEqual([]);
    expect(self.formulations.dropped).toEqual([]);
    expect(self.areas.continued).toHaveLength(6);
    expect(self.tags.new).toEqual([]);
  });
});
