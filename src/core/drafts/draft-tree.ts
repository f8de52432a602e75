/**
 * The reviewable draft programme: the decomposition turned into an editable tree, and the edits a supervisor makes
 * before publishing (rename, split, merge, delete, move, set units and deadlines, include or leave out). Pure: each
 * operation returns a new tree or a refusal with a stable code; the server stores the result.
 */
import type { Appendix, DecomposedItem, Decomposition, Span } from '../intake/index.ts';
import type { DraftNode } from './types.ts';
import { analyseText } from '../intake/normalise.ts';

export type { DraftNode } from './types.ts';
import { isIsoDate } from '../time.ts';
import { cleanTitleText } from '../text.ts';


/** Kinds that state guidance or look back rather than commit to work: shown, but left out until the reviewer opts in. */
const NOT_COMMITMENTS: ReadonlySet<string> = new Set(['principle', 'goal', 'requirement', 'review']);
const CONTAINERS: ReadonlySet<string> = new Set(['area', 'section', 'paragraph']);
// 做好岁末年初各项工作: the umbrella that names what an unlabelled paragraph is about.
const UMBRELLA = /^(?:全力)?(?:做好|抓好)[^、，,]{0,16}(?:各项|各項|各方面)工作$/u;

/**
 * Builds the initial draft tree from a decomposition; `makeId` gives stable ids (the server passes UUIDv7s).
 * Only new deployments start included — wherever they stand, also in unlabelled paragraphs such as 会议要求;
 * requirements, outcomes and restatements of the work areas stay in the tree as context, left out. A container
 * (work area, section, paragraph) is included when anything under it is. An appendix that lists work becomes a
 * branch of its own.
 */
export function draftFromDecomposition(d: Pick<Decomposition, 'items'> & { appendices?: readonly Appendix[] }, makeId: () => string): DraftNode[] {
  const convert = (item: DecomposedItem): DraftNode => {
    const id = makeId();
    const children = item.children.map(convert);
    let included: boolean;
    if (NOT_COMMITMENTS.has(item.kind)) included = false;
    else if (CONTAINERS.has(item.kind) && children.length) included = children.some((c) => c.included);
    // Decompositions stored before clauses were classified have no class: their tasks count as deployments.
    else included = (item.class ?? 'deployment') === 'deployment' && !item.restatement;
    if (!included) for (const c of children) exclude(c);
    const umbrella = item.kind === 'paragraph' ? item.children[0] : undefined;
    const title = umbrella && umbrella.class === 'requirement' && UMBRELLA.test(umbrella.title) ? `${item.title}：${umbrella.title}` : item.title;
    return {
      id,
      label: item.label,
      kind: item.kind,
      title,
      span: [item.span[0], item.span[1]],
      included,
      class: item.class ?? null,
      classCue: item.classCue ?? null,
      keyPoints: (item.keyPoints ?? []).map((k) => ({ text: k.text, span: [k.span[0], k.span[1]] as Span })),
      restatement: item.restatement ?? false,
      repeats: item.repeats ?? null,
      tags: [...item.tags],
      targets: item.targets.map((t) => ({ ...t, span: [t.span[0], t.span[1]] as Span })),
      deadline: item.deadline,
      dueDate: item.deadline,
      leadUnitId: null,
      coUnitIds: [],
      children,
    };
  };
  const tree = d.items.map(convert);
  for (const appendix of d.appendices ?? []) {
    if (!appendix.items?.length) continue;
    const children = appendix.items.map(convert);
    tree.push({
      id: makeId(), label: null, kind: 'area', title: appendix.title, span: [appendix.span[0], appendix.span[1]],
      included: children.some((c) => c.included), class: null, classCue: null, keyPoints: [], restatement: false, repeats: null,
      tags: [], targets: [], deadline: null, dueDate: null, leadUnitId: null, coUnitIds: [], children,
    });
  }
  return tree;
}

// A left-out parent takes its sub-items with it (they still show, as context).
function exclude(n: DraftNode): void {
  n.included = false;
  n.children.forEach(exclude);
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
        keyPoints: at.node.keyPoints.filter((k) => k.span[0] >= op.at),
        // Sub-items follow the half whose text holds them.
        children: at.node.children.filter((c) => c.span !== null && c.span[0] >= op.at),
      };
      at.node.span = [span[0], op.at];
      at.node.targets = at.node.targets.filter((t) => t.span[0] < op.at);
      at.node.keyPoints = at.node.keyPoints.filter((k) => k.span[0] < op.at);
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
        keep!.node.keyPoints.push(...r.node.keyPoints);
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
        class: 'deployment', classCue: null, keyPoints: [], restatement: false, repeats: null,
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

/**
 * Spans of the tasks the draft would publish as leaves (included, with nothing included under them), for the
 * coverage meter: a work area left in cannot cover a sentence whose own task was taken out.
 */
export function includedSpans(tree: readonly DraftNode[]): Span[] {
  const out: Span[] = [];
  const walk = (nodes: readonly DraftNode[]) => {
    for (const n of nodes) {
      if (n.included && n.span && !n.children.some((c) => c.included)) out.push(n.span);
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

/**
 * Carries the accepted repairs of the document's text into titles and key points (`display` is the original with
 * the repairs applied, same length). A title is found in its span by its Simplified form — which a repair does
 * not change (干部 and 幹部 both read 干部) — so titles repaired earlier are found again; a title the reviewer
 * rewrote is not found and stays as written.
 */
export function repairTreeText(tree: readonly DraftNode[], original: string, display: string): DraftNode[] {
  const next = clone(tree);
  const base = analyseText(original).norm;
  if (base.length !== original.length || display.length !== original.length) return next;
  const walk = (nodes: DraftNode[]) => {
    for (const n of nodes) {
      const t = analyseText(n.title).norm;
      const at = n.span && t.length === n.title.length ? base.indexOf(t, n.span[0]) : -1;
      if (n.span && at >= 0 && at + t.length <= n.span[1]) n.title = display.slice(at, at + t.length);
      for (const k of n.keyPoints) {
        const kt = analyseText(k.text).norm;
        if (kt.length === k.text.length && base.slice(k.span[0], k.span[0] + kt.length) === kt) k.text = display.slice(k.span[0], k.span[0] + kt.length);
      }
      walk(n.children);
    }
  };
  walk(next);
  return next;
}
