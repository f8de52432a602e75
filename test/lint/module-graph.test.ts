import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The modules import each other without a cycle (docs/ARCHITECTURE.md, "Data access"): a lower module that needs a fact
 * of a higher one gets it through a port that src/server/ports.ts wires, never by importing it back.
 */

const MODULES = 'src/server/modules';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** module → the modules it imports (static and dynamic imports, re-exports). */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(MODULES)) {
    const from = relative(MODULES, file).split('/')[0]!;
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = relative(MODULES, resolve(dirname(file), m[1]!));
      if (target.startsWith('..')) continue;
      const to = target.split('/')[0]!;
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's path, found by a depth-first walk (empty when the graph is acyclic). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const walk = (node: string, path: string[]) => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) walk(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) walk(node, [node]);
  return found;
}

describe('module graph', () => {
  it('has no import cycle between modules', () => {
    const graph = moduleGraph();
    expect(graph.get('tasks')?.has('units')).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a → b → c → a']);
  });
});
