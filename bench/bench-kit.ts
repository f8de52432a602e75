/** Shared helpers for benchmark modules. */
export interface BenchResult {
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
  extra?: Record<string, string | number>;
}

/** Times `fn` `runs` times after `warmup` untimed runs and returns median and p95 in milliseconds. */
export async function measure(name: string, fn: () => unknown | Promise<unknown>, runs = 50, warmup = 5): Promise<BenchResult> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { name, medianMs: at(0.5), p95Ms: at(0.95), runs };
}
