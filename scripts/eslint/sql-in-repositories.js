/**
 * Repositories own all SQL (docs/ARCHITECTURE.md, "Data access"): in src/server/modules, Kysely's query builders
 * (`selectFrom`, `insertInto`, `updateTable`, `deleteFrom`, `replaceInto`, `mergeInto`, a CTE's `with('name', …)`) and
 * the `sql` template tag appear only in files named `*.repository.ts`. Services orchestrate (they open the transaction
 * and pass its `trx` to repositories); the platform, the demo and the generator are infrastructure and are not checked.
 * Tests beside the code may query freely.
 */
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const rel = (abs) => relative(ROOT, abs).split('\\').join('/');

const BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'SQL only in *.repository.ts files of src/server/modules' } },
  create(context) {
    const file = rel(context.filename);
    if (!file.startsWith('src/server/modules/') || /\.test\.tsx?$/.test(file) || /\.repository\.ts$/.test(file)) return {};
    const fail = (node, what) => context.report({ node, message: `${what} belongs in a *.repository.ts file: repositories own all SQL, services call them` });
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        if (BUILDERS.has(name)) fail(node, `.${name}()`);
        // Kysely's CTE: `db.with('name', (qb) => …)` — a string first argument tells it from Array.prototype.with.
        else if (name === 'with' && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') fail(node, '.with() (a CTE)');
      },
      ImportDeclaration(node) {
        if (node.source.value !== 'kysely' || node.importKind === 'type') return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && s.importKind !== 'type' && s.imported.type === 'Identifier' && s.imported.name === 'sql') fail(s, "The sql tag from 'kysely'");
          if (s.type === 'ImportNamespaceSpecifier') fail(s, "A namespace import of 'kysely'");
        }
      },
    };
  },
};

export default rule;
