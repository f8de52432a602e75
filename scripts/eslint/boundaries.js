/**
 * The layering rules of docs/ARCHITECTURE.md, enforced on every relative import under src/ (tests may reach in):
 * - a module is entered only through an index.ts (its own, or a sub-folder's public surface such as documents/reading);
 * - the platform and the core know no module; the core and the contract know no server, web or CLI;
 * - the core and the contract run in a browser too: no node: built-ins;
 * - the contract depends only on typebox and the core.
 */
import { dirname, relative, resolve } from 'node:path';
import sqlInRepositories from './sql-in-repositories.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const rel = (abs) => relative(ROOT, abs).split('\\').join('/');

function layerOf(path) {
  const m = /^src\/server\/modules\/([^/]+)\//.exec(path);
  if (m) return { layer: 'module', module: m[1] };
  for (const layer of ['src/server/platform', 'src/core', 'src/contract', 'src/web', 'src/cli', 'src/server']) {
    if (path.startsWith(`${layer}/`)) return { layer };
  }
  return { layer: 'other' };
}

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Module boundaries and layering of src/' } },
  create(context) {
    const file = rel(context.filename);
    if (!file.startsWith('src/') || /\.test\.tsx?$/.test(file)) return {};
    const from = layerOf(file);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const fail = (message) => context.report({ node, message });
      if (source.startsWith('node:')) {
        if (from.layer === 'src/core' || from.layer === 'src/contract' || from.layer === 'src/web') fail(`${from.layer} runs in a browser: no ${source}`);
        return;
      }
      if (!source.startsWith('.')) {
        if (from.layer === 'src/contract' && source !== 'typebox') fail('The contract depends only on typebox and the core');
        return;
      }
      const target = rel(resolve(dirname(context.filename), source));
      const to = layerOf(target);
      if (to.layer === 'module') {
        if (from.layer === 'src/server/platform' || from.layer === 'src/core' || from.layer === 'src/contract' || from.layer === 'src/web') {
          fail(`${from.layer} must not import a module (${target}); the composition root (src/server/app.ts) wires modules in`);
        } else if (!(from.layer === 'module' && from.module === to.module) && !target.endsWith('/index.ts')) {
          fail(`Enter module "${to.module}" through its index.ts, not ${target}`);
        }
      }
      if ((from.layer === 'src/core' || from.layer === 'src/contract') && to.layer !== 'src/core' && to.layer !== from.layer) {
        fail(`${from.layer} must not import ${target}`);
      }
      // The platform may read the migrations and the version; nothing that composes or uses it.
      if (from.layer === 'src/server/platform' && (/^src\/server\/(app|server)\.ts$|^src\/server\/(demo|generate)\//.test(target) || to.layer === 'src/cli' || to.layer === 'src/web')) {
        fail(`The platform must not import ${target}`);
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

/** The luoshi plugin: the layering above, and SQL only in repositories (sql-in-repositories.js). */
export default { rules: { boundaries: rule, 'sql-in-repositories': sqlInRepositories } };
