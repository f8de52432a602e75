/** Flattening helpers shared by the decomposition tree and the draft tree: ids, parents, spans in preorder. */
export interface TreeLike<T> {
  children: readonly T[];
}

export interface Indexed<T> {
  node: T;
  id: string;
  parentId: string | null;
  /** Ids from the root down to the parent. */
  ancestors: string[];
  depth: number;
}

/** Walks a tree in preorder; `idOf` names a node (path-based ids for the decomposition, stored ids for drafts). */
export function indexTree<T extends TreeLike<T>>(roots: readonly T[], idOf: (node: T, path: string) => string): { order: Indexed<T>[]; byId: Map<string, Indexed<T>> } {
  const order: Indexed<T>[] = [];
  const byId = new Map<string, Indexed<T>>();
  const walk = (nodes: readonly T[], parentPath: string, ancestors: string[]) => {
    nodes.forEach((node, i) => {
      const path = parentPath ? `${parentPath}.${i}` : String(i);
      const id = idOf(node, path);
      const entry: Indexed<T> = { node, id, parentId: ancestors.at(-1) ?? null, ancestors, depth: ancestors.length };
      order.push(entry);
      byId.set(id, entry);
      walk(node.children, path, [...ancestors, id]);
    });
  };
  walk(roots, '', []);
  return { order, byId };
}

/** Ids of the nodes that have children (what "expand all" opens). */
export function parentIds<T extends TreeLike<T>>(order: readonly Indexed<T>[]): string[] {
  return order.filter((e) => e.node.children.length > 0).map((e) => e.id);
}

/** Adds the ancestors of `id` to the expanded keys, so that the node is visible. */
export function expandTo<T>(expanded: readonly string[], entry: Indexed<T> | undefined): string[] {
  if (!entry) return [...expanded];
  const set = new Set(expanded);
  for (const a of entry.ancestors) set.add(a);
  return [...set];
}

