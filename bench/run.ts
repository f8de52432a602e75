/**
 * Runs every benchmark module in bench/ (files named *.bench.ts) one after another and prints a table.
 * Each module default-exports `async () => BenchResult[]`. Record results in docs/benchmarks.md by hand,
 * with the machine and date, so numbers stay comparable between sessions.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-kit.ts';

const here = dirname(fileURLToPath(import.meta.url));
// The first argument that is neither an option nor an option's value names the benchmark file(s) to run;
// options such as `--tasks 100000` are read by the benchmarks themselves.
const only = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !(all[i - 1]?.startsWith('--') && /^[\d.]+$/.test(a)));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

console.log(`# Luoshi benchmarks — ${new Date().toISOString()}`);
console.log(`# node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchResult[]> };
  const results = await mod.default();
  for (const r of results) {
    const extra = r.extra ? '  ' + Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    console.log(`${file.replace('.bench.ts', '')} :: ${r.name}  median ${r.medianMs.toFixed(2)} ms  p95 ${r.p95Ms.toFixed(2)} ms  (n=${r.runs})${extra}`);
  }
}
