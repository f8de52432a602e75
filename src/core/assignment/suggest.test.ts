import { describe, expect, it } from 'vitest';
import { makeSuggester, type UnitProfile } from './suggest.ts';

const profiles: UnitProfile[] = [
  { unitId: 'swj', unitName: '市商务局', keywords: ['国际消费中心城市', '消费', '外贸'], description: '负责促进消费和对外贸易' },
  { unitId: 'jxj', unitName: '市经信局', keywords: ['新型工业化', '制造业', '产业'], description: '推进新型工业化和制造业发展' },
  { unitId: 'wtj', unitName: '市文旅局', keywords: ['文旅', '旅游'], description: '文化和旅游' },
];

describe('makeSuggester', () => {
  it('ranks by the duty words a task names, and says which', () => {
    const s = makeSuggester(profiles).suggest({ title: '加快建设国际消费中心城市', details: ['提振大宗消费'] });
    expect(s[0]).toMatchObject({ unitId: 'swj', reasons: ['国际消费中心城市', '消费'] });
    expect(s.map((x) => x.unitId)).not.toContain('wtj');
  });

  it('credits a long keyword once, not also its parts', () => {
    const once = makeSuggester(profiles).suggest({ title: '国际消费中心城市' })[0];
    expect(once?.reasons).toEqual(['国际消费中心城市']);
  });

  it('counts words in the title for more than words in the key points', () => {
    const title = makeSuggester(profiles).suggest({ title: '推进新型工业化', details: ['培育外贸新动能'] });
    expect(title[0]?.unitId).toBe('jxj');
    expect(title[1]?.unitId).toBe('swj');
  });

  it('ranks a unit that led similar tasks before higher, and names the precedent', () => {
    const history = [{ unitId: 'wtj', taskId: 't1', title: '举办国际马拉松赛事', titleNorm: '举办国际马拉松赛事' }];
    const s = makeSuggester(profiles, history).suggest({ title: '办好国际马拉松赛事' });
    expect(s[0]).toMatchObject({ unitId: 'wtj', reasons: [], similar: [{ taskId: 't1', title: '举办国际马拉松赛事' }] });
  });

  it('suggests nothing when nothing matches', () => {
    expect(makeSuggester(profiles).suggest({ title: '坚定信心和决心' })).toEqual([]);
  });
});
