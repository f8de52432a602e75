/**
 * The reviewable draft programme: the decomposition turned into an editable tree, and the edits a supervisor makes
 * before publishing (rename, split, merge, delete, move, set units and deadlines, include or leave out). Pure: each
 * operation returns a new tree or a refusal with a stable code; the server stores the result.
 */
import type { DecomposedItem, Span } from '../intake/index.ts';
import type { DraftNode } from './types.ts';

export type { DraftNode } from './types.ts';
import { isIsoDate } from '../time.ts';
import { cleanTitleText } from '../text.ts';


/** Kinds that state guidance or look back rather than commit to work: shown, but left out until the reviewer opts in. */
const NOT_COMMITMENTS: ReadonlySet<string> = new Set(['principle', 'goal', 'requirement', 'review']);

/**
 * Builds the initial draft tree; `makeId` gives stable ids (the server passes UUIDv7s). When the document has
 * enumerated work areas, its unlabelled directive paragraphs (exhortations around the lists) start left out too;
 * a document without any structure keeps them, or the draft would be empty.
 */
export function draftFromDecomposition(items: readonly DecomposedItem[], makeId: () => string): DraftNode[] {
  const structured = items.some(function hasArea(i: DecomposedItem): boolean {
    return i.kind === 'area' || i.kind === 'section' || i.children.some(hasArea);
  });
  const convert = (item: DecomposedItem, parentIncluded: boolean): DraftNode => {
    const included = parentIncluded && !NOT_COMMITMENTS.has(item.kind) && !(structured && item.kind === 'paragraph');
    return {
      id: makeId(),
      label: item.label,
      kind: item.kind,
      title: item.title,
      span: [item.span[0], item.span[1]],
      included,
      tags: [...item.tags],
      targets: item.targets.map((t) => ({ ...t, span: [t.span[0], t.span[1]] as Span })),
      deadline: item.deadline,
      dueDate: item.deadline,
      leadUnitId: null,
      coUnitIds: [],
      children: item.children.map((c) => convert(c, included)),
    };
  };
  return items.map((i) => convert(i, true));
}

export type DraftOperation =
  | { op: 'rename'; id: string; title: string }
  | { op: 'update'; ids: string[]; leadUnitId?: string | null; coUnitIds?: string[]; dueDate?: string | null; tags?: string[]; included?: boolean }
  | { op: 'delete'; id: string }
  | { op: 'split'; id: string; at: number }
  | { op: 'merge'; ids: string[] }
  | { op: 'move'; id: string; parentId: string | null; index: number }
  | { op: 'add'; parentId: string | null; title: string; span?: Span | null; index?: number };

export type DraftErrorCode =
  | 'node_not_found'
  | 'invalid_title'
  | 'invalid_date'
  | 'invalid_units'
  | 'split_outside_span'
  | 'merge_needs_siblings'
  | 'move_into_itself'
  | 'invalid_span';

export type DraftResult = { ok: true; tree: DraftNode[] } | { ok: false; code: DraftErrorCode; message: string };

const fail = (code: DraftErrorCode, message: string): DraftResult => ({ ok: false, code, message });

function clone(tree: readonly DraftNode[]): DraftNode[] {
  return structuredClone(tree) as DraftNode[];
}

interface Located {
  node: DraftNode;
  siblings: DraftNode[];
  index: number;
  parent: DraftNode | null;
}

function locate(tree: DraftNode[], id: string, parent: DraftNode | null = null): Located | null {
  for (let i = 0; i < tree.length; i++) {
    const node = tree[i]!;
    if (node.id === id) return { node, siblings: tree, index: i, parent };
    const inner = locate(node.children, id, node);
    if (inner) return inner;
  }
  return null;
}

function cleanTitle(title: string): string | null {
  return cleanTitleText(title, 500);
}

/** The title a span of the original text gives: its first sentence, without label punctuation, at most 120 chars. */
export function titleFromText(text: string, span: Span): string {
  const slice = text.slice(span[0], span[1]).replace(/\s+/g, ' ').trim();
  const first = slice.split(/(?<=[。；;！!？?])/u)[0] ?? slice;
  return first.replace(/[。；;，,、：:！!？?\s]+$/u, '').slice(0, 120) || slice.slice(0, 120);
}

/** Applies one operation. `text` is the document's original text (for split titles); `makeId` mints new node ids. */
export function applyDraftOperation(tree: readonly DraftNode[], op: DraftOperation, text: string, makeId: () => string): DraftResult {
  const next = clone(tree);
  switch (op.op) {
    case 'rename': {
      const at = locate(next, op.id);
      if (!at) return fail('node_not_found', `No node ${op.id}`);
      const title = cleanTitle(op.title);
      if (!title) return fail('invalid_title', 'A title needs 1–500 characters');
      at.node.title = title;
      return { ok: true, tree: next };
    }
    case 'update': {
      if (op.dueDate !== undefined && op.dueDate !== null && !isIsoDate(op.dueDate)) return fail('invalid_date', 'dueDate must be YYYY-MM-DD');
      for (const id of op.ids) {
        const at = locate(next, id);
        if (!at) return fail('node_not_found', `No node ${id}`);
        const lead = op.leadUnitId !== undefined ? op.leadUnitId : at.node.leadUnitId;
        const co = op.coUnitIds ?? at.node.coUnitIds;
        if (new Set(co).size !== co.length || (lead !== null && co.includes(lead))) {
          return fail('invalid_units', 'Co-units must be distinct and differ from the lead unit');
        }
        at.node.leadUnitId = lead;
        at.node.coUnitIds = [...co];
        if (op.dueDate !== undefined) at.node.dueDate = op.dueDate;
        if (op.tags !== undefined) at.node.tags = [...new Set(op.tags.map((t) => t.trim()).filter(Boolean))];
        if (op.included !== undefined) {
          // Including or leaving out a node does the same to everything under it: a task cannot outlive its area.
          const mark = (n: DraftNode) => {
            n.included = op.included as boolean;
            n.children.forEach(mark);
          };
          mark(at.node);
        }
      }
      return { ok: true, tree: next };
    }
    case 'delete': {
      const at = locate(next, op.id);
      if (!at) return fail('node_not_found', `No node ${op.id}`);
      at.siblings.splice(at.index, 1);
      return { ok: true, tree: next };
    }
    case 'split': {
      const at = locate(next, op.id);
      if (!at) return fail('node_not_found', `No node ${op.id}`);
      const span = at.node.span;
      if (!span || op.at <= span[0] || op.at >= span[1]) return fail('split_outside_span', 'Split inside the node’s source text');
      const second: DraftNode = {
        ...structuredClone(at.node),
        id: makeId(),
        label: null,
        kind: at.node.kind === 'manual' ? 'manual' : at.node.kind,
        span: [op.at, span[1]],
        title: titleFromText(text, [op.at, span[1]]),
        targets: at.node.targets.filter((t) => t.span[0] >= op.at),
        // Sub-items follow the half whose text holds them.
        children: at.node.children.filter((c) => c.span !== null && c.span[0] >= op.at),
      };
      at.node.span = [span[0], op.at];
      at.node.targets = at.node.targets.filter((t) => t.span[0] < op.at);
      at.node.children = at.node.children.filter((c) => !(c.span !== null && c.span[0] >= op.at));
      at.siblings.splice(at.index + 1, 0, second);
      return { ok: true, tree: next };
    }
    case 'merge': {
      if (op.ids.length < 2) return fail('merge_needs_siblings', 'Choose at least two nodes to merge');
      const found = op.ids.map((id) => locate(next, id));
      if (found.some((f) => f === null)) return fail('node_not_found', 'A node to merge does not exist');
      const all = found as Located[];
      if (all.some((f) => f.siblings !== all[0]!.siblings)) return fail('merge_needs_siblings', 'Only nodes under the same parent can be merged');
      all.sort((a, b) => a.index - b.index);
      const [keep, ...rest] = all;
      const spans = all.map((f) => f.node.span).filter((s): s is Span => s !== null);
      keep!.node.span = spans.length ? [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))] : null;
      for (const r of rest) {
        keep!.node.children.push(...r.node.children);
        keep!.node.targets.push(...r.node.targets);
        keep!.node.tags = [...new Set([...keep!.node.tags, ...r.node.tags])];
      }
      for (const r of rest.sort((a, b) => b.index - a.index)) keep!.siblings.splice(r.index, 1);
      return { ok: true, tree: next };
    }
    case 'move': {
      const at = locate(next, op.id);
      if (!at) return fail('node_not_found', `No node ${op.id}`);
      if (op.parentId !== null) {
        if (op.parentId === op.id || locate(at.node.children, op.parentId)) return fail('move_into_itself', 'A node cannot move under itself');
        if (!locate(next, op.parentId)) return fail('node_not_found', `No node ${op.parentId}`);
      }
      at.siblings.splice(at.index, 1);
      const target = op.parentId === null ? next : locate(next, op.parentId)!.node.children;
      target.splice(Math.max(0, Math.min(op.index, target.length)), 0, at.node);
      return { ok: true, tree: next };
    }
    case 'add': {
      const title = cleanTitle(op.title);
      if (!title) return fail('invalid_title', 'A title needs 1–500 characters');
      const span = op.span ?? null;
      if (span && !(span[0] >= 0 && span[1] <= text.length && span[0] < span[1])) return fail('invalid_span', 'The span lies outside the document');
      const parent = op.parentId === null ? null : locate(next, op.parentId);
      if (op.parentId !== null && !parent) return fail('node_not_found', `No node ${op.parentId}`);
      const siblings = parent ? parent.node.children : next;
      const node: DraftNode = {
        id: makeId(), label: null, kind: 'manual', title, span, included: parent ? parent.node.included : true,
        tags: [], targets: [], deadline: null, dueDate: null, leadUnitId: null, coUnitIds: [], children: [],
      };
      siblings.splice(op.index === undefined ? siblings.length : Math.max(0, Math.min(op.index, siblings.length)), 0, node);
      return { ok: true, tree: next };
    }
  }
}

/** Applies a batch in order; the first refusal stops it and nothing is applied. */
export function applyDraftOperations(tree: readonly DraftNode[], ops: readonly DraftOperation[], text: string, makeId: () => string): DraftResult {
  let current: DraftNode[] = clone(tree);
  for (const [i, op] of ops.entries()) {
    const r = applyDraftOperation(current, op, text, makeId);
    if (!r.ok) return { ...r, message: `operation ${i + 1} (${op.op}): ${r.message}` };
    current = r.tree;
  }
  return { ok: true, tree: current };
}

/** Spans of the included nodes, for the coverage meter. */
export function includedSpans(tree: readonly DraftNode[]): Span[] {
  const out: Span[] = [];
  const walk = (nodes: readonly DraftNode[]) => {
    for (const n of nodes) {
      if (n.included && n.span) out.push(n.span);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

/** Number of nodes (all, and included), for the review screen's header. */
export function countNodes(tree: readonly DraftNode[]): { all: number; included: number } {
  let all = 0;
  let included = 0;
  const walk = (nodes: readonly DraftNode[]) => {
    for (const n of nodes) {
      all += 1;
      if (n.included) included += 1;
      walk(n.children);
    }
  };
  walk(tree);
  return { all, included };
}
