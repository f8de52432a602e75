import { describe, expect, it } from 'vitest';
import { findTargets } from './targets.ts';

const one = (s: string) => findTargets(s, 0, s.length).map((t) => ({ metric: t.metric, value: t.value, valueMax: t.valueMax, unit: t.unit, direction: t.direction, trend: t.trend }));

describe('findTargets', () => {
  it.each([
    ['实现5.5%左右的预期增长目标', [{ metric: null, value: 5.5, valueMax: null, unit: '%', direction: 'around', trend: 'increase' }]],
    ['新建和改造提升农村公路2500公里', [{ metric: '农村公路', value: 2500, valueMax: null, unit: '公里', direction: 'increase', trend: 'increase' }]],
    ['城镇调查失业率控制在5%以内', [{ metric: '城镇调查失业率', value: 5, valueMax: null, unit: '%', direction: 'at_most', trend: null }]],
    ['地区生产总值年均增速4.5%-5%', [{ metric: '地区生产总值年均', value: 4.5, valueMax: 5, unit: '%', direction: 'increase', trend: 'increase' }]],
    ['城镇新增就业不少于28万人', [{ metric: '就业', value: 28, valueMax: null, unit: '万人', direction: 'at_least', trend: 'increase' }]],
    ['粮食播种面积稳定在100万亩以上', [{ metric: '粮食播种面积', value: 100, valueMax: null, unit: '万亩', direction: 'at_least', trend: 'maintain' }]],
    ['单位地区生产总值能耗下降2.5%', [{ metric: '单位地区生产总值能耗', value: 2.5, valueMax: null, unit: '%', direction: 'decrease', trend: 'decrease' }]],
  ])('%s', (text, expected) => expect(one(text)).toEqual(expected));

  it.each(['2023年以来', '设置了29项主要指标', '中华人民共和国成立75周年', '部署了13项任务举措', '6G小规模实验网'])('ignores %s', (text) => {
    expect(one(text)).toEqual([]);
  });
});
