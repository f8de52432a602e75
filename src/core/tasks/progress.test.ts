import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canClose, openTaskIds, rollUpProgress, rollUpProgressById, type ProgressNode, type ProgressRow } from './progress.ts';

const leaf = (id: string, progress: number, over: Partial<ProgressNode> = {}): ProgressNode => ({ id, state: 'in_progress', progress, ...over });

describe('rollUpProgress', () => {
  it.each<[string, ProgressNode, number]>([
    ['a leaf is its own progress', leaf('a', 40), 40],
    ['a leaf is clamped to 0–100', leaf('a', 140), 100],
    ['a closed leaf is done', leaf('a', 60, { state: 'closed' }), 100],
    ['equal weights by default', leaf('p', 0, { children: [leaf('a', 20), leaf('b', 60)] }), 40],
    ['the parent’s own figure is ignored once it has children', leaf('p', 90, { children: [leaf('a', 10)] }), 10],
    ['weights count', leaf('p', 0, { children: [leaf('a', 100, { weight: 3 }), leaf('b', 0, { weight: 1 })] }), 75],
    ['a closed child counts as 100', leaf('p', 0, { children: [leaf('a', 30, { state: 'closed' }), leaf('b', 0)] }), 50],
    ['a zero weight drops a child', leaf('p', 0, { children: [leaf('a', 100, { weight: 0 }), leaf('b', 20)] }), 20],
    ['all-zero weights mean equal shares', leaf('p', 0, { children: [leaf('a', 100, { weight: 0 }), leaf('b', 20, { weight: 0 })] }), 60],
    ['a closed parent is done whatever its children say', leaf('p', 0, { state: 'closed', children: [leaf('a', 0)] }), 100],
    ['rounds once, to one decimal', leaf('p', 0, { children: [leaf('a', 10), leaf('b', 10), leaf('c', 13.33)] }), 11.1],
    [
      'any depth',
      leaf('root', 0, {
        children: [
          leaf('x', 0, { weight: 2, children: [leaf('x1', 100), leaf('x2', 0, { children: [leaf('x21', 50), leaf('x22', 50, { state: 'closed' })] })] }),
          leaf('y', 25),
        ],
      }),
      // x2 = 75, x = 87.5, root = (87.5*2 + 25) / 3
      66.7,
    ],
  ])('%s', (_name, node, expected) => {
    expect(rollUpProgress(node)).toBe(expected);
  });

  it.each([
    ['NaN progress', leaf('a', Number.NaN)],
    ['negative weight', leaf('p', 0, { children: [leaf('a', 1, { weight: -1 })] })],
    ['infinite weight', leaf('p', 0, { children: [leaf('a', 1, { weight: Infinity })] })],
  ])('refuses %s', (_name, node) => {
    expect(() => rollUpProgress(node)).toThrow(RangeError);
  });

  it('stays between the smallest and largest child', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ p: fc.integer({ min: 0, max: 100 }), w: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 8 }), (kids) => {
        const v = rollUpProgress(leaf('p', 0, { children: kids.map((k, i) => leaf(`c${i}`, k.p, { weight: k.w })) }));
        expect(v).toBeGreaterThanOrEqual(Math.min(...kids.map((k) => k.p)));
        expect(v).toBeLessThanOrEqual(Math.max(...kids.map((k) => k.p)));
      }),
    );
  });
});

describe('rollUpProgressById', () => {
  const rows: ProgressRow[] = [
    { id: 'root', parentId: null, state: 'in_progress', progress: 0 },
    { id: 'x', parentId: 'root', state: 'in_progress', progress: 0, weight: 2 },
    { id: 'y', parentId: 'root', state: 'in_progress', progress: 25 },
    { id: 'x1', parentId: 'x', state: 'in_progress', progress: 100 },
    { id: 'x2', parentId: 'x', state: 'in_progress', progress: 0 },
    { id: 'x21', parentId: 'x2', state: 'in_progress', progress: 50 },
    { id: 'x22', parentId: 'x2', state: 'closed', progress: 50 },
    { id: 'other', parentId: null, state: 'draft', progress: 5 },
  ];

  it('agrees with the nested roll-up, in any row order', () => {
    const expected = { root: 66.7, x: 87.5, x2: 75, x1: 100, x21: 50, x22: 100, y: 25, other: 5 };
    expect(Object.fromEntries(rollUpProgressById(rows))).toEqual(expected);
    expect(Object.fromEntries(rollUpProgressById([...rows].reverse()))).toEqual(expected);
  });

  it('handles a deep chain without recursion', () => {
    const chain: ProgressRow[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `t${i}`,
      parentId: i === 0 ? null : `t${i - 1}`,
      state: 'in_progress',
      progress: 42,
    }));
    expect(rollUpProgressById(chain).get('t0')).toBe(42);
  });

  it.each<[string, ProgressRow[], RegExp]>([
    ['a cycle', [{ id: 'a', parentId: 'b', state: 'draft', progress: 0 }, { id: 'b', parentId: 'a', state: 'draft', progress: 0 }], /own ancestor/],
    ['a self-parent', [{ id: 'a', parentId: 'a', state: 'draft', progress: 0 }], /own ancestor/],
    ['a missing parent', [{ id: 'a', parentId: 'zz', state: 'draft', progress: 0 }], /not in the list/],
    ['a duplicate', [{ id: 'a', parentId: null, state: 'draft', progress: 0 }, { id: 'a', parentId: null, state: 'draft', progress: 0 }], /twice/],
  ])('refuses %s', (_name, bad, message) => {
    expect(() => rollUpProgressById(bad)).toThrow(message);
  });
});

describe('canClose', () => {
  it.each<[string, Array<{ id: string; state: ProgressNode['state'] }>, ReturnType<typeof canClose>]>([
    ['no children', [], { ok: true }],
    ['all children closed', [{ id: 'a', state: 'closed' }, { id: 'b', state: 'closed' }], { ok: true }],
    ['an open child', [{ id: 'a', state: 'closed' }, { id: 'b', state: 'completion_requested' }], { ok: false, code: 'children_open', openChildIds: ['b'] }],
    ['a suspended child is still open', [{ id: 'a', state: 'suspended' }], { ok: false, code: 'children_open', openChildIds: ['a'] }],
    ['a draft child is still open', [{ id: 'a', state: 'draft' }], { ok: false, code: 'children_open', openChildIds: ['a'] }],
    ['the task itself in the list is ignored', [{ id: 'p', state: 'completion_requested' }], { ok: true }],
  ])('%s', (_name, children, expected) => {
    expect(canClose({ id: 'p' }, children)).toEqual(expected);
  });

  it('counts open descendants for the lifecycle guard', () => {
    expect(openTaskIds([{ id: 'a', state: 'closed' }, { id: 'a1', state: 'in_progress' }])).toEqual(['a1']);
  });
});
