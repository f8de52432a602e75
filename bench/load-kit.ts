/**
 * An autocannon-like load generator on plain `http` (no extra package): N keep-alive connections, each sending its next
 * request as soon as the previous answer arrived, for a fixed time. Reports requests per second and latency
 * percentiles of the successful answers; anything but 2xx counts as an error (and its first few bodies are kept).
 */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** A few error answers, for the log. */
  samples: string[];
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One request on the given agent. */
export function send(base: string, agent: http.Agent, r: LoadRequest): Promise<Answer> {
  const payload = r.body === undefined ? undefined : JSON.stringify(r.body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${r.path}`, {
      method: r.method,
      agent,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...r.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Runs `connections` loops for `durationMs`. `next(conn, i)` gives connection `conn`'s i-th request, or null when it
 * has nothing more to send; `onAnswer` sees every answer (to collect ids for a later phase).
 */
export async function load(opts: {
  base: string;
  connections: number;
  durationMs: number;
  next: (conn: number, i: number) => LoadRequest | null;
  onAnswer?: (conn: number, req: LoadRequest, answer: Answer) => void;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const samples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, conn) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const r = opts.next(conn, i);
        if (!r) break;
        try {
          const a = await send(opts.base, agent, r);
          if (a.status >= 200 && a.status < 300) latencies.push(a.ms);
          else {
            errors += 1;
            if (samples.length < 3) samples.push(`${a.status} ${r.method} ${r.path}: ${a.body.slice(0, 200)}`);
          }
          opts.onAnswer?.(conn, r, a);
        } catch (err) {
          errors += 1;
          if (samples.length < 3) samples.push(`${r.method} ${r.path}: ${(err as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    samples,
  };
}

/** Spawns a process and resolves once a line of its stdout matches `ready`, with the match and the time it took. */
export function spawnUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
): Promise<{ child: ChildProcess; match: RegExpExecArray; ms: number; output: () => string }> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} was not ready within ${timeoutMs} ms:\n${out.slice(-1500)}`));
    }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, ms: performance.now() - started, output: () => out });
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}) before it was ready:\n${out.slice(-1500)}`));
    });
  });
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number } | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it. */
export function stop(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
