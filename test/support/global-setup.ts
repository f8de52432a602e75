/**
 * Runs once before the suite: checks the Node version, compiles the server and CLI to dist/node (bin/luoshi runs that
 * build; rebuilding on every run, well under a second, means a spawned CLI never runs stale code), and, when the run
 * includes browser journeys and Chromium is
 * available, builds the UI from the current sources so the journeys never test a stale dist/web.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildNode } from '../../scripts/build-node.ts';
import { BROWSER_SKIP_NOTICE, browserRequired, buildUi, findChromium } from './browser.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const WEB_ROOT = join(REPO_ROOT, 'dist/web');
const CLI_WORDS = new Set(['run', 'watch', 'dev', 'related']);

/**
 * Whether this run may include a browser journey: true without file filters, or when a filter matches one of them.
 * Vitest matches filters as substrings of the file path. An option value mistaken for a filter only means the journey
 * builds its own copy of the UI (see webRootForTests).
 */
function journeysSelected(argv: readonly string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && !CLI_WORDS.has(a));
  if (filters.length === 0) return true;
  const journeys = readdirSync(join(REPO_ROOT, 'test/e2e')).filter((f) => f.endsWith('.e2e.test.ts')).map((f) => join(REPO_ROOT, 'test/e2e', f));
  return filters.some((f) => journeys.some((j) => j.includes(f) || j.includes(resolve(f))));
}

export default async function setup(project: TestProject): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new Error(`Luoshi needs Node.js 20 or newer, found ${process.versions.node}`);

  await buildNode();
  project.provide('luoshiWebRoot', null);
  if (!journeysSelected(process.argv)) return;
  if (!findChromium()) {
    if (!browserRequired()) console.log(BROWSER_SKIP_NOTICE);
    return;
  }
  const started = Date.now();
  await buildUi();
  console.log(`Built the web UI for the browser journeys in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('luoshiWebRoot', WEB_ROOT);
}
