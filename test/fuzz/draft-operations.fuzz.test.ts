/** Fuzzing review edits of a draft programme: any sequence of operations gives a valid tree or a refusal with a code. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDraftOperations, countNodes, draftFromDecomposition, type DraftNode, type DraftOperation } from '../../src/core/drafts/index.ts';
import { decompose } from '../../src/core/intake/index.ts';
import { hasVisibleCharacter } from '../../src/core/text.ts';

const TEXT = readFileSync(new URL('../../demo/wuhan-plenary-communique-2023-12-28.txt', import.meta.url), 'utf8');
const CODES = ['node_not_found', 'invalid_title', 'invalid_date', 'invalid_units', 'split_outside_span', 'merge_needs_siblings', 'move_into_itself', 'invalid_span'];

let n = 0;
const mint = () => `fz${++n}`;
const TREE = draftFromDecomposition(decompose(TEXT), mint);

function ids(tree: readonly DraftNode[]): string[] {
  return tree.flatMap((node) => [node.id, ...ids(node.children)]);
}

// An included node under a left-out parent is allowed: publishing hangs it from the nearest included ancestor.
function checkTree(tree: readonly DraftNode[]): void {
  for (const node of tree) {
    expect(hasVisibleCharacter(node.title)).toBe(true);
    expect(node.title.length).toBeLessThanOrEqual(500);
    if (node.span) {
      expect(node.span[0]).toBeGreaterThanOrEqual(0);
      expect(node.span[1]).toBeLessThanOrEqual(TEXT.length);
      expect(node.span[0]).toBeLessThanOrEqual(node.span[1]);
    }
    checkTree(node.children);
  }
}

const known = ids(TREE);
const id = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const title = fc.oneof(fc.constantFrom('加快建设国际消费中心城市', '  ', '\u200b', '推进\u202e数字化', 'x'.repeat(600), ''), fc.string({ maxLength: 40 }));
const date = fc.oneof(fc.constantFrom('2024-12-31', '2024-02-30', 'not-a-date', null), fc.string({ maxLength: 12 }));
const op: fc.Arbitrary<DraftOperation> = fc.oneof(
  fc.record({ op: fc.constant('rename' as const), id, title }),
  fc.record({ op: fc.constant('update' as const), ids: fc.array(id, { minLength: 1, maxLength: 5 }), dueDate: date, included: fc.boolean(), tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) }, { requiredKeys: ['op', 'ids'] }),
  fc.record({ op: fc.constant('delete' as const), id }),
  fc.record({ op: fc.constant('split' as const), id, at: fc.integer({ min: -5, max: TEXT.length + 5 }) }),
  fc.record({ op: fc.constant('merge' as const), ids: fc.array(id, { minLength: 0, maxLength: 4 }) }),
  fc.record({ op: fc.constant('move' as const), id, parentId: fc.option(id), index: fc.integer({ min: -2, max: 50 }) }),
  fc.record({ op: fc.constant('add' as const), parentId: fc.option(id), title, span: fc.option(fc.tuple(fc.integer({ min: -10, max: TEXT.length + 10 }), fc.integer({ min: -10, max: TEXT.length + 10 }))), index: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }) }, { requiredKeys: ['op', 'parentId', 'title'] }),
) as fc.Arbitrary<DraftOperation>;

describe('draft operations under fuzzing', () => {
  it('any sequence of edits gives a consistent tree or one refusal with a stable code, and never throws', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const t0 = performance.now();
        const result = applyDraftOperations(TREE, ops, TEXT, mint);
        expect(performance.now() - t0).toBeLessThan(2000);
        if (result.ok) {
          checkTree(result.tree);
          const all = ids(result.tree);
          expect(new Set(all).size).toBe(all.length);
          expect(countNodes(result.tree).all).toBe(all.length);
        } else {
          expect(CODES).toContain(result.code);
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never changes the tree it was given', () => {
    const before = JSON.stringify(TREE);
    fc.assert(fc.property(fc.array(op, { maxLength: 6 }), (ops) => {
      applyDraftOperations(TREE, ops, TEXT, mint);
      expect(JSON.stringify(TREE)).toBe(before);
    }), { numRuns: 100 });
  });
});
