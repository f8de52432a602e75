/** Building the organisation tree from the flat unit list, for Tree and TreeSelect. */
import type { Unit } from '../api/types.ts';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Explicit sort order first, then the order of creation (how administrators usually lay out an organisation). */
const byOrder = (a: Unit, b: Unit) =>
  a.sortOrder - b.sortOrder || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Roots first, children under their parents in sort order; a unit whose parent is missing becomes a root. */
export function unitForest(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const build = (parent: string | null, seen: Set<string>): UnitNode[] =>
    (children.get(parent) ?? [])
      .filter((u) => !seen.has(u.id))
      .sort(byOrder)
      .map((u) => ({ unit: u, children: build(u.id, new Set([...seen, u.id])) }));
  return build(null, new Set());
}

/** The ids of a unit and everything below it (a unit cannot move under these). */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && result.has(u.parentId) && !result.has(u.id)) {
        result.add(u.id);
        grew = true;
      }
    }
  }
  return result;
}

export interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitOption[];
}

/** TreeSelect data; `disable` greys out units that may not be chosen (inactive ones, a unit's own subtree). */
export function unitOptions(units: readonly Unit[], disable: (u: Unit) => boolean = (u) => !u.active): UnitOption[] {
  const map = (nodes: UnitNode[]): UnitOption[] =>
    nodes.map((n) => ({ value: n.unit.id, title: n.unit.name, disabled: disable(n.unit), children: map(n.children) }));
  return map(unitForest(units));
}
