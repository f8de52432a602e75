/**
 * Decomposition speed and memory: the reference communiqué (≈4,000 characters, budget 20 ms median) and a
 * 100,000-character report made by concatenating the corpus (budget 300 ms median, retained memory ≤ 10× the text).
 * Run: npx tsx bench/run.ts decompose
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decompose } from '../src/core/intake/index.ts';
import type { BenchResult } from './bench-kit.ts';
import { measure } from './bench-kit.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/intake/${name}`, import.meta.url), 'utf8');

/** A garbage collector to call between measurements, without needing node --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap growth that stays reachable after one decomposition, in bytes (the result is the only thing kept). */
function retainedHeap(text: string, gc: () => void): { retained: number; peak: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = decompose(text);
  const peak = process.memoryUsage().heapUsed - before;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  // Keep the result reachable until after the measurement.
  if (result.document.length !== text.length) throw new Error('decompose lost the text');
  return { retained, peak };
}

export default async function bench(): Promise<BenchResult[]> {
  const reference = fixture('000_90be646031b961ed.txt');
  const corpus = ['beijing_gwr_2026.txt', 'cewc_2023.txt', 'beijing_gwr_2026_trad_tw_opencc.txt', 'cewc_2023_trad_hk_opencc.txt', '000_90be646031b961ed.txt'].map(fixture);
  let report = '';
  for (let i = 0; report.length < 100_000; i++) report += `${corpus[i % corpus.length] ?? ''}\n`;
  report = report.slice(0, 100_000);

  const gc = collector();
  const small = await measure('reference communiqué (3,949 chars)', () => decompose(reference), 100, 10);
  const big = await measure('100,000-char report (corpus concatenated)', () => decompose(report), 30, 5);
  const memory = retainedHeap(report, gc);
  const textBytes = report.length * 2;
  small.extra = { budgetMs: 20 };
  big.extra = {
    budgetMs: 300,
    chars: report.length,
    retainedMB: (memory.retained / 1048576).toFixed(2),
    peakHeapGrowthMB: (memory.peak / 1048576).toFixed(2),
    retainedPerTextByte: (memory.retained / textBytes).toFixed(2),
  };
  return [small, big];
}
