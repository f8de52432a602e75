import { describe, expect, it } from 'vitest';
import type { DecomposedItem } from '../intake/index.ts';
import { applyDraftOperation, applyDraftOperations, countNodes, draftFromDecomposition, includedSpans, type DraftNode } from './draft-tree.ts';

const TEXT = '一要加快建设国际消费中心城市。二要持续推进长江大保护，确保一江碧水向东流。把握以下三点。';

function item(partial: Partial<DecomposedItem> & Pick<DecomposedItem, 'title' | 'span'>): DecomposedItem {
  return {
    label: null, kind: 'task', children: [], tags: [], targets: [], deadline: null, deadlineText: null, places: [], bodies: [],
    class: partial.kind && partial.kind !== 'task' && partial.kind !== 'subtask' ? null : 'deployment', classCue: null, keyPoints: [], restatement: false, repeats: null,
    ...partial,
  };
}

function fresh(): DraftNode[] {
  let n = 0;
  return draftFromDecomposition(
    { items: [
      item({ label: '一要', kind: 'area', title: '加快建设国际消费中心城市', span: [0, 15], tags: ['消费'] }),
      item({
        label: '二要', kind: 'area', title: '持续推进长江大保护', span: [15, 37], deadline: '2024-12-31',
        children: [item({ title: '确保一江碧水向东流', span: [27, 37] })],
      }),
      item({ kind: 'principle', title: '把握以下三点', span: [37, 44], children: [item({ title: 'x', span: [37, 40] })] }),
    ] },
    () => `n${++n}`,
  );
}

let counter = 100;
const mint = () => `m${++counter}`;

describe('draftFromDecomposition', () => {
  it('includes deployments wherever they stand and leaves requirements, outcomes and restatements out, as context', () => {
    let n = 0;
    const exhortation = item({ kind: 'paragraph', title: '要全面辩证分析', span: [0, 5], children: [item({ title: '正视困难和问题', span: [1, 3], class: 'requirement', classCue: '正视' })] });
    const yearEnd = item({
      kind: 'paragraph', title: '会议要求', span: [5, 20], children: [
        item({ title: '做好岁末年初各项工作', span: [5, 8], class: 'requirement', classCue: '做好岁末年初各项工作' }),
        item({ title: '保障农民工工资按时足额发放', span: [8, 12] }),
        item({ title: '全力维护社会大局稳定', span: [12, 15], class: 'outcome', classCue: '大局稳定' }),
      ],
    });
    const summary = item({ kind: 'paragraph', title: '全会强调', span: [20, 30], restatement: true, children: [item({ title: '坚持大力推进新型工业化', span: [21, 25], restatement: true, repeats: { label: '一要', title: 'y' } })] });
    const tree = draftFromDecomposition({ items: [exhortation, yearEnd, summary] }, () => `p${++n}`);
    expect(tree.map((d) => d.included)).toEqual([false, true, false]);
    expect(tree[1]?.children.map((c) => [c.title, c.included, c.class])).toEqual([
      ['做好岁末年初各项工作', false, 'requirement'],
      ['保障农民工工资按时足额发放', true, 'deployment'],
      ['全力维护社会大局稳定', false, 'outcome'],
    ]);
    // The umbrella names the paragraph.
    expect(tree[1]?.title).toBe('会议要求：做好岁末年初各项工作');
    expect(tree[2]?.children[0]).toMatchObject({ included: false, restatement: true, repeats: { label: '一要', title: 'y' } });
  });

  it('makes an appendix that lists work a branch of its own', () => {
    let n = 0;
    const tree = draftFromDecomposition(
      { items: [], appendices: [{ title: '附件1 十件民生实事', span: [0, 20], items: [item({ label: '一、', title: '新建幼儿园20所', span: [5, 12] })] }, { title: '附件2 名词解释', span: [20, 30], items: [] }] },
      () => `a${++n}`,
    );
    expect(tree.map((t) => [t.kind, t.title, t.included, t.children.map((c) => c.title)])).toEqual([['area', '附件1 十件民生实事', true, ['新建幼儿园20所']]]);
  });

  it('keeps spans and deadlines and leaves guidance out until opted in', () => {
    const tree = fresh();
    expect(tree.map((n) => [n.label, n.included, n.dueDate])).toEqual([['一要', true, null], ['二要', true, '2024-12-31'], [null, false, null]]);
    expect(tree[2]!.children[0]!.included).toBe(false);
    expect(countNodes(tree)).toEqual({ all: 5, included: 3 });
    // Leaves only: the work area 二要 is covered through its task.
    expect(includedSpans(tree)).toEqual([[0, 15], [27, 37]]);
  });
});

describe('applyDraftOperation', () => {
  const cases: Array<[string, Parameters<typeof applyDraftOperation>[1], string | ((t: DraftNode[]) => void)]> = [
    ['rename', { op: 'rename', id: 'n1', title: '  建设国际消费中心城市 ' }, (t) => expect(t[0]!.title).toBe('建设国际消费中心城市')],
    ['rename empty', { op: 'rename', id: 'n1', title: '   ' }, 'invalid_title'],
    ['rename unknown', { op: 'rename', id: 'zz', title: 'x' }, 'node_not_found'],
    ['bulk units', { op: 'update', ids: ['n1', 'n2'], leadUnitId: 'u1', coUnitIds: ['u2'], dueDate: '2024-06-30' }, (t) => {
      expect(t[0]).toMatchObject({ leadUnitId: 'u1', coUnitIds: ['u2'], dueDate: '2024-06-30' });
      expect(t[1]).toMatchObject({ leadUnitId: 'u1', coUnitIds: ['u2'], dueDate: '2024-06-30' });
    }],
    ['lead also co-unit', { op: 'update', ids: ['n1'], leadUnitId: 'u1', coUnitIds: ['u1'] }, 'invalid_units'],
    ['bad date', { op: 'update', ids: ['n1'], dueDate: '2024/06/30' }, 'invalid_date'],
    ['include guidance with its children', { op: 'update', ids: ['n4'], included: true }, (t) => expect([t[2]!.included, t[2]!.children[0]!.included]).toEqual([true, true])],
    ['delete subtree', { op: 'delete', id: 'n2' }, (t) => expect(t.map((n) => n.id)).toEqual(['n1', 'n4'])],
    ['split', { op: 'split', id: 'n2', at: 27 }, (t) => {
      expect(t[1]!.span).toEqual([15, 27]);
      expect(t[2]).toMatchObject({ span: [27, 37], title: '确保一江碧水向东流', label: null });
      expect(t[1]!.children).toHaveLength(0);
      expect(t[2]!.children).toHaveLength(1);
    }],
    ['split outside', { op: 'split', id: 'n2', at: 5 }, 'split_outside_span'],
    ['merge', { op: 'merge', ids: ['n2', 'n1'] }, (t) => {
      expect(t).toHaveLength(2);
      expect(t[0]).toMatchObject({ id: 'n1', span: [0, 37], tags: ['消费'] });
      expect(t[0]!.children.map((c) => c.id)).toEqual(['n3']);
    }],
    ['merge across parents', { op: 'merge', ids: ['n1', 'n3'] }, 'merge_needs_siblings'],
    ['move under another', { op: 'move', id: 'n1', parentId: 'n2', index: 0 }, (t) => expect(t[0]!.children.map((c) => c.id)).toEqual(['n1', 'n3'])],
    ['move into own child', { op: 'move', id: 'n2', parentId: 'n3', index: 0 }, 'move_into_itself'],
    ['add manual', { op: 'add', parentId: 'n1', title: '新增任务' }, (t) => expect(t[0]!.children[0]).toMatchObject({ kind: 'manual', title: '新增任务', span: null, included: true })],
    ['add bad span', { op: 'add', parentId: null, title: 'x', span: [10, 999] }, 'invalid_span'],
  ];
  it.each(cases)('%s', (_name, op, expected) => {
    const before = fresh();
    const snapshot = JSON.stringify(before);
    const r = applyDraftOperation(before, op, TEXT, mint);
    expect(JSON.stringify(before)).toBe(snapshot); // never mutates its input
    if (typeof expected === 'string') {
      expect(r).toMatchObject({ ok: false, code: expected });
    } else {
      expect(r.ok).toBe(true);
      if (r.ok) expected(r.tree);
    }
  });

  it('applies a batch atomically and names the failing operation', () => {
    const r = applyDraftOperations(fresh(), [{ op: 'rename', id: 'n1', title: 'ok' }, { op: 'delete', id: 'nope' }], TEXT, mint);
    expect(r).toMatchObject({ ok: false, code: 'node_not_found', message: expect.stringContaining('operation 2 (delete)') });
  });
});
