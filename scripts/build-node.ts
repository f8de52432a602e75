/**
 * Compiles the server and the CLI to JavaScript in dist/node (what bin/luoshi runs), so a start costs Node's start-up
 * and not a TypeScript compilation. One esbuild bundle of our own code with every package left external (they stay in
 * node_modules and load as usual), split at the CLI's lazy imports so `luoshi --help` does not load the server.
 *
 * Safe to run while another process uses dist/node (the test suite's global setup builds before every run): files are
 * written under a temporary name and renamed, chunks are named by their content hash, unchanged files are not touched,
 * and chunks of an earlier build are removed only once they are an hour old (a running process may still load them)
 * or at once with `clean`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_OUT_DIR = join(REPO_ROOT, 'dist/node');
/** The entry bin/luoshi imports. */
export const NODE_ENTRY = join(NODE_OUT_DIR, 'luoshi.js');
/** Plain JavaScript files loaded by path at run time (worker threads), copied beside the bundle. */
const COPIED = ['src/server/modules/documents/reading/parse-worker.mjs'];
const STALE_AFTER_MS = 60 * 60 * 1000;

export interface BuildNodeResult {
  files: number;
  written: number;
  ms: number;
}

export async function buildNode(options: { clean?: boolean } = {}): Promise<BuildNodeResult> {
  const started = performance.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { luoshi: 'src/cli/run.ts' },
    outdir: NODE_OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Flat: every chunk in dist/node, so import.meta.url of any module points at the same directory (the worker file).
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  const outputs = new Map<string, Uint8Array>();
  for (const f of result.outputFiles) outputs.set(f.path, f.contents);
  for (const rel of COPIED) outputs.set(join(NODE_OUT_DIR, rel.split('/').pop()!), readFileSync(join(REPO_ROOT, rel)));

  mkdirSync(NODE_OUT_DIR, { recursive: true });
  let written = 0;
  // The entry last: until it is replaced, the previous build stays complete and usable.
  const order = [...outputs.keys()].sort((a, b) => Number(a === NODE_ENTRY) - Number(b === NODE_ENTRY));
  for (const path of order) {
    const bytes = outputs.get(path)!;
    if (existsSync(path) && Buffer.compare(readFileSync(path), bytes) === 0) continue;
    if (relative(NODE_OUT_DIR, path).startsWith('..')) throw new Error(`esbuild wrote outside dist/node: ${path}`);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    written += 1;
  }
  const now = Date.now();
  for (const name of readdirSync(NODE_OUT_DIR)) {
    const path = join(NODE_OUT_DIR, name);
    if (outputs.has(path)) continue;
    if (options.clean || now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
  }
  return { files: outputs.size, written, ms: performance.now() - started };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildNode({ clean: true });
  console.log(`dist/node: ${r.files} files (${r.written} changed) in ${Math.round(r.ms)} ms`);
}
