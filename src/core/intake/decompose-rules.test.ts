import { describe, expect, it } from 'vitest';
import { decompose } from './index.ts';
import type { DecomposedItem } from './index.ts';

function flat(items: DecomposedItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}${i.kind} ${i.label ?? '-'} ${i.title}`, ...flat(i.children, depth + 1)]);
}

describe('decompose: general rules on unseen layouts', () => {
  it('nests line headings 一、 > (一) > 1. written with halfwidth punctuation, and keeps appendices apart', () => {
    const text = [
      '某某市2024年工作要点',
      '(2024年1月5日)',
      '一、加快建设现代化产业体系',
      '(一)推进新型工业化。要加快传统产业转型升级,推动制造业高端化。',
      '(二)培育新兴产业',
      '1.发展数字经济。建设算力中心,6月底前完成规划。',
      '2.5',
      '2.发展低空经济。到2025年建成试飞基地。',
      '- 3 -',
      '二、保障措施',
      '加强组织领导。各部门要压实责任,年底前报送进展。',
      '附件:1.任务分工表',
      '附件2:名词解释',
    ].join('\n');
    const d = decompose(text);
    expect(d.document).toMatchObject({ title: '某某市2024年工作要点', date: '2024-01-05' });
    expect(flat(d.items)).toEqual([
      'area 一、 加快建设现代化产业体系',
      '  task (一) 推进新型工业化',
      '    subtask - 加快传统产业转型升级',
      '    subtask - 推动制造业高端化',
      '  task (二) 培育新兴产业',
      '    subtask 1. 发展数字经济',
      '    subtask 2. 发展低空经济',
      'section 二、 保障措施',
      '  paragraph - 加强组织领导',
      '    task - 加强组织领导',
      '    task - 各部门要压实责任',
    ]);
    const [area, section] = d.items;
    const digital = area?.children[1]?.children[0];
    expect(digital?.deadline).toBe('2024-06-30');
    expect(area?.children[1]?.children[1]?.deadline).toBe('2025-12-31');
    // 年底前报送进展 only dates the clause before it: a key point of that task, which takes its deadline.
    expect(section?.children[0]?.children[1]?.keyPoints.map((k) => k.text)).toEqual(['年底前报送进展']);
    expect(section?.children[0]?.children[1]?.deadline).toBe('2024-12-31');
    expect(d.appendices.map((a) => a.title)).toEqual(['附件:1.任务分工表', '附件2:名词解释']);
    expect(d.items.every((i) => i.span[1] <= text.indexOf('附件'))).toBe(true);
  });

  it('does not take a broken sequence or a lone marker for a heading', () => {
    const d = decompose('3.加强安全生产。要压实责任。\n1.严格执法。要规范程序。');
    expect(d.items.some((i) => i.label !== null)).toBe(false);
  });

  it.each([
    ['一是……二是……', '会议强调，要重点抓好以下工作：一是稳定就业，二是扩大消费，三是防范风险。', ['一是', '二是', '三是']],
    ['首先……其次……最后', '做好明年工作，首先，要坚持稳中求进；其次，要推动高质量发展；最后，要守住安全底线。', ['首先，', '其次，', '最后，']],
    ['第一，第二，', '重点做好三方面工作。第一，扩大内需。第二，深化改革。第三，扩大开放。', ['第一，', '第二，', '第三，']],
    ['（1）（2）', '主要任务：（1）建设高标准农田；（2）推进农村改革。', ['（1）', '（2）']],
    ['①②', '重点任务是：①新建学校；②改造医院。', ['①', '②']],
    ['一要 (halfwidth)', '全会提出,做好明年工作,重点做好以下两方面工作。一要加快发展,推动创新。二要深化改革,扩大开放。', ['一要', '二要']],
  ])('finds inline enumerations: %s', (_name, text, labels) => {
    const d = decompose(text);
    const enumerated = d.items.filter((i) => i.label !== null);
    expect(enumerated.map((i) => i.label)).toEqual(labels);
    for (const i of enumerated) expect(text.slice(i.span[0]).startsWith(i.label ?? '')).toBe(true);
    expect(enumerated.every((i) => i.kind === 'area')).toBe(true);
  });

  it('classifies an enumeration by what announces it', () => {
    const principles = decompose('做好明年工作，需要把握以下三点：一是坚持稳中求进，二是坚持系统观念，三是坚持底线思维。');
    expect(principles.items.filter((i) => i.label).map((i) => i.kind)).toEqual(['principle', 'principle', 'principle']);
    const goals = decompose('今后五年的发展目标：一是经济实力明显提升，二是生态环境持续改善。');
    expect(goals.items.filter((i) => i.label).map((i) => i.kind)).toEqual(['goal', 'goal']);
    const review = decompose('一年来，主要做了以下工作。\n一是经济持续回升。全年增长5%。\n二是改革不断深化。推进国企改革。');
    expect(review.items.map((i) => i.kind)).toEqual(['review', 'review']);
    expect(review.items.flatMap((i) => i.targets)).toEqual([]);
  });

  it('nests an inline enumeration inside a work area', () => {
    const d = decompose('重点做好以下两方面工作。一要扩大内需。重点抓好三件事：一是提振消费，二是扩大投资，三是稳定外贸。二要深化改革。推进国企改革。');
    const [first, second] = d.items.filter((i) => i.kind === 'area');
    expect(first?.children.map((c) => `${c.kind} ${c.label} ${c.title}`)).toEqual(['task 一是 提振消费', 'task 二是 扩大投资', 'task 三是 稳定外贸']);
    expect(second?.children.map((c) => c.title)).toEqual(['推进国企改革']);
  });

  it('reads targets with direction', () => {
    const d = decompose('重点做好以下工作。一要稳增长，实现5.5%左右的预期增长目标。二要抓交通，新建和改造提升农村公路2500公里，城镇调查失业率控制在5.5%以内，单位能耗下降2%。');
    const all = (items: DecomposedItem[]): DecomposedItem[] => items.flatMap((i) => [i, ...all(i.children)]);
    const targets = all(d.items).flatMap((i) => i.targets);
    expect(targets.map((t) => [t.value, t.unit, t.direction, t.trend])).toEqual([
      [5.5, '%', 'around', 'increase'],
      [2500, '公里', 'increase', 'increase'],
      [5.5, '%', 'at_most', null],
      [2, '%', 'decrease', 'decrease'],
    ]);
    expect(targets[1]?.metric).toBe('农村公路');
  });

  it('resolves relative deadlines against the reference date when the document has none', () => {
    const d = decompose('会议要求，要在年底前完成清理，明年上半年前完成验收。', { referenceDate: '2024-03-01' });
    const tasks = d.items.flatMap((i) => i.children);
    expect(tasks.map((t) => t.deadline)).toEqual(['2024-12-31', '2024-06-30']);
  });

  it('returns an empty decomposition for empty or noise-only text', () => {
    for (const text of ['', '   \n\n', '12\n- 3 -\n2.5']) {
      const d = decompose(text);
      expect(d.items).toEqual([]);
      expect(d.document.length).toBe(text.length);
    }
  });

  it('keeps CRLF text and exact spans', () => {
    const text = '重点做好以下工作。\r\n一是加快发展,推动创新。\r\n二是深化改革,扩大开放。\r\n';
    const d = decompose(text);
    expect(d.items.map((i) => text.slice(i.span[0], i.span[1]))).toEqual(['一是加快发展,推动创新。', '二是深化改革,扩大开放。']);
  });
});
