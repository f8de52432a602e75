/**
 * Progress roll-up over the task tree and the "a parent cannot close while a child is open" rule.
 */
import type { TaskState } from './lifecycle.ts';

/** A task in a nested tree. `progress` is the task's own reported percentage, used only when it has no children. */
export interface ProgressNode {
  id: string;
  state: TaskState;
  progress: number;
  /** Share of the parent's progress; defaults to 1. */
  weight?: number;
  children?: readonly ProgressNode[];
}

/** A task as a row with a parent pointer, the shape the database hands over. */
export interface ProgressRow {
  id: string;
  parentId: string | null;
  state: TaskState;
  progress: number;
  weight?: number;
}

function clampPct(value: number, id: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`task ${id}: progress must be a number, got ${value}`);
  return Math.min(100, Math.max(0, value));
}

function weightOf(w: number | undefined, id: string): number {
  const weight = w ?? 1;
  if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`task ${id}: weight must be 0 or more, got ${w}`);
  return weight;
}

// A closed task is done whatever its last report said; a parent is the weighted mean of its children.
function combine(
  id: string,
  state: TaskState,
  own: number,
  children: ReadonlyArray<{ value: number; weight: number }>,
): number {
  if (state === 'closed') return 100;
  if (children.length === 0) return clampPct(own, id);
  let total = 0;
  let sum = 0;
  for (const c of children) {
    total += c.weight;
    sum += c.value * c.weight;
  }
  // All weights zero says "no preference", not "no progress": fall back to equal shares.
  if (total === 0) return children.reduce((s, c) => s + c.value, 0) / children.length;
  return sum / total;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Rolled-up progress of a nested task tree, 0–100 rounded to one decimal (rounded once, at the end). */
export function rollUpProgress(node: ProgressNode): number {
  const exact = (n: ProgressNode): number =>
    combine(
      n.id,
      n.state,
      n.progress,
      (n.children ?? []).map((c) => ({ value: exact(c), weight: weightOf(c.weight, c.id) })),
    );
  return round1(exact(node));
}

/**
 * Rolled-up progress of every task in a forest given as rows, by id; iterative, so any depth works.
 * Throws on a cycle or a parent id that is not in the list (pass whole subtrees).
 */
export function rollUpProgressById(rows: readonly ProgressRow[]): Map<string, number> {
  const byId = new Map<string, ProgressRow>();
  const kids = new Map<string, ProgressRow[]>();
  for (const r of rows) {
    if (byId.has(r.id)) throw new Error(`task ${r.id} listed twice`);
    byId.set(r.id, r);
  }
  for (const r of rows) {
    if (r.parentId === null) continue;
    if (!byId.has(r.parentId)) throw new Error(`task ${r.id}: parent ${r.parentId} is not in the list`);
    const list = kids.get(r.parentId) ?? [];
    list.push(r);
    kids.set(r.parentId, list);
  }

  const exact = new Map<string, number>();
  const onPath = new Set<string>();
  // Every row starts a walk (not only roots), so a cycle with no root above it is still found.
  for (const root of rows) {
    if (exact.has(root.id)) continue;
    // Post-order walk with an explicit stack: children are computed before their parent is combined.
    const stack: Array<{ row: ProgressRow; expanded: boolean }> = [{ row: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const { row } = top;
      if (exact.has(row.id)) {
        stack.pop();
        continue;
      }
      const children = kids.get(row.id) ?? [];
      if (!top.expanded) {
        if (onPath.has(row.id)) throw new Error(`task ${row.id} is its own ancestor`);
        onPath.add(row.id);
        top.expanded = true;
        for (const c of children) {
          if (onPath.has(c.id)) throw new Error(`task ${c.id} is its own ancestor`);
          if (!exact.has(c.id)) stack.push({ row: c, expanded: false });
        }
        continue;
      }
      const values = children.map((c) => ({ value: exact.get(c.id) ?? 0, weight: weightOf(c.weight, c.id) }));
      exact.set(row.id, combine(row.id, row.state, row.progress, values));
      onPath.delete(row.id);
      stack.pop();
    }
  }

  const out = new Map<string, number>();
  for (const [id, v] of exact) out.set(id, round1(v));
  return out;
}

/** Ids of the tasks in `descendants` that are still open (any depth may be passed). */
export function openTaskIds(descendants: ReadonlyArray<{ id: string; state: TaskState }>): string[] {
  return descendants.filter((d) => d.state !== 'closed').map((d) => d.id);
}

/**
 * The tree half of 销号: a task cannot close while any child (or deeper descendant, if given) is open.
 * The lifecycle checks the rest (state, evidence, reviewer); feed it `openChildren` from here.
 */
export function canClose(
  task: { id: string },
  children: ReadonlyArray<{ id: string; state: TaskState }>,
): { ok: true } | { ok: false; code: 'children_open'; openChildIds: string[] } {
  const open = openTaskIds(children.filter((c) => c.id !== task.id));
  return open.length === 0 ? { ok: true } : { ok: false, code: 'children_open', openChildIds: open };
}
