import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompose, toScript } from './index.ts';
import type { DecomposedItem } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intake/${name}`, import.meta.url), 'utf8');

interface Shape {
  kind: string;
  label: string | null;
  title: string;
  span: [number, number];
  tags: string[];
  deadline: string | null;
  targets: number;
  children: Shape[];
}

/** The tree with titles in Simplified, so a Traditional edition can be compared with its original. */
function shape(items: DecomposedItem[]): Shape[] {
  return items.map((i) => ({
    kind: i.kind,
    label: i.label,
    title: toScript(i.title, 'hans'),
    span: i.span,
    tags: i.tags,
    deadline: i.deadline,
    targets: i.targets.length,
    children: shape(i.children),
  }));
}

function count(items: DecomposedItem[], kind: string): number {
  let n = 0;
  for (const i of items) n += (i.kind === kind ? 1 : 0) + count(i.children, kind);
  return n;
}

describe.each([
  ['beijing_gwr_2026.txt', 'beijing_gwr_2026_trad_tw_opencc.txt'],
  ['cewc_2023.txt', 'cewc_2023_trad_hk_opencc.txt'],
])('%s and its Traditional edition', (simplified, traditional) => {
  const s = decompose(fixture(simplified));
  const t = decompose(fixture(traditional));

  it('give the same tree, spans, tags, targets and deadlines', () => {
    expect(t.document.script).toBe('hant');
    expect(s.document.script).toBe('hans');
    expect(shape(t.items)).toEqual(shape(s.items));
  });

  it('give the same formulations and coverage', () => {
    expect(t.formulations.map((f) => [f.key, f.count, f.spans])).toEqual(s.formulations.map((f) => [f.key, f.count, f.spans]));
    expect(t.coverage.sentenceSpans).toEqual(s.coverage.sentenceSpans);
  });
});

describe('the Beijing government work report', () => {
  const text = fixture('beijing_gwr_2026.txt');
  const d = decompose(text);

  it('reads title, issuer and the date it was delivered', () => {
    expect(d.document).toMatchObject({ title: '2026年北京市政府工作报告', issuer: '北京市政府', date: '2026-01-25', script: 'hans' });
  });

  it('has three sections; the review is made of review points, the work plan of ten work areas', () => {
    expect(d.items.filter((i) => i.kind === 'section').map((i) => [i.label, i.title])).toEqual([
      ['一、', '2025年工作回顾'],
      ['二、', '“十四五”时期发展成就和“十五五”时期主要目标任务'],
      ['三、', '2026年重点工作'],
    ]);
    const [review, plan, work] = d.items.filter((i) => i.kind === 'section');
    expect(review?.children.map((c) => c.kind)).toEqual(Array(6).fill('review'));
    expect(count(review?.children ?? [], 'task')).toBe(0);
    const areas = work?.children.filter((c) => c.kind === 'area') ?? [];
    expect(areas.map((a) => a.label)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）', '（八）', '（九）', '（十）']);
    expect(areas[0]?.title).toBe('深入落实城市总体规划，推动京津冀协同发展走深走实');
    // Topic sentences head tasks; the clauses after them are subtasks.
    const topic = areas[1]?.children.find((c) => c.title === '大力提振消费');
    expect(topic?.kind).toBe('task');
    expect(topic?.children[0]?.title).toBe('研究制定城乡居民增收政策');
    expect(topic?.children.every((c) => c.kind === 'subtask')).toBe(true);
    expect(plan?.children.filter((c) => c.kind === 'principle')).toHaveLength(3);
    expect(plan?.children.filter((c) => c.kind === 'goal' && c.label)).toHaveLength(7);
  });

  it('reads the year’s targets with value, unit and direction', () => {
    const work = d.items.find((i) => i.title === '2026年重点工作');
    const goals = work?.children.find((c) => c.kind === 'goal');
    expect(goals?.title).toBe('今年经济社会发展主要预期目标');
    expect(goals?.targets.map((t) => [t.metric, t.value, t.unit, t.direction])).toEqual([
      ['地区生产总值', 5, '%', 'around'],
      ['一般公共预算收入', 4, '%', 'around'],
      ['城镇调查失业率', 5, '%', 'at_most'],
      ['居民消费价格涨幅', 2, '%', 'around'],
      ['细颗粒物年均浓度', 29, '微克/立方米', 'around'],
    ]);
    const jobs = work?.children.flatMap((a) => a.children).find((t) => t.title === '促进高质量充分就业');
    const target = jobs?.children.flatMap((c) => c.targets).find((t) => t.unit === '万人');
    expect(target).toMatchObject({ value: 28, direction: 'at_least', trend: 'increase' });
    expect(text.slice(target?.span[0], target?.span[1])).toBe(target?.text);
  });

  it('ends the sections at the closing address', () => {
    const last = d.items[d.items.length - 1];
    expect(last?.kind).toBe('paragraph');
    expect(last?.title).toBe('让我们更加紧密地团结在以习近平同志为核心的党中央周围');
  });
});

describe('the central economic work conference release', () => {
  const d = decompose(fixture('cewc_2023.txt'));

  it('has no title (its lead paragraph is missing) and nine work areas 一是…九是', () => {
    expect(d.document.title).toBeNull();
    const areas = d.items.filter((i) => i.kind === 'area');
    expect(areas.map((a) => a.label)).toEqual(['一是', '二是', '三是', '四是', '五是', '六是', '七是', '八是', '九是']);
    expect(areas[1]?.title).toBe('着力扩大国内需求');
    // 以……为牵引 leads into the clause it serves.
    expect(areas[1]?.children.map((c) => c.title)).toContain('以提高技术、能耗、排放等标准为牵引，推动大规模设备更新和消费品以旧换新');
  });
});
