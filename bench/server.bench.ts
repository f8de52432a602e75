/**
 * The server at a city's size against its floor, measured in the same run (issue 8 §7). For each database (SQLite,
 * and PostgreSQL when one answers):
 *
 * - the floor: a bare Fastify route doing one INSERT into a 1,000,000-row table with 3 indexes, and a bare GET
 *   (bench/floor-server.mjs), at 10 connections;
 * - a dataset made by `luoshi generate` (default 10,000 tasks, 98,000 reports, 60 units; `--tasks 100000` for the big
 *   run, reports scale with tasks unless `--reports` says otherwise), served by the compiled `bin/luoshi serve`:
 *   report creation and submission at 10 connections (req/s, p99), the ledger page and the inboxes at 1 and 10
 *   connections (p95), a task page (p95); with the scheduler off, so the jobs do not colour the request numbers;
 * - then a start with the scheduler on: time from spawn to the first `/api/health` answer, event-loop delay p99 (the
 *   server's own `nodejs_eventloop_lag_p99_seconds`) and `/api/health` latency while its jobs run, and the RSS;
 * - `bin/luoshi --help` start time.
 *
 * Options (after `npm run bench --` or `npx tsx bench/run.ts server`): --tasks N, --reports N, --units N,
 * --seconds N (per load phase, default 10), --sqlite-only, --no-write (do not append to docs/benchmarks.md).
 * PostgreSQL: $LUOSHI_BENCH_DATABASE_URL, else $LUOSHI_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
 * the bench creates and drops its own databases there.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import pg from 'pg';
import { expectedPeriods, type Cadence } from '../src/core/reports/index.ts';
import { DEFAULT_TZ, toLocalDate } from '../src/core/time.ts';
import { openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { buildNode } from '../scripts/build-node.ts';
import type { BenchResult } from './bench-kit.ts';
import { load, memoryOf, percentile, send, spawnUntil, stop, type LoadRequest, type LoadResult } from './load-kit.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'bin/luoshi');
const FLOOR = join(REPO, 'bench/floor-server.mjs');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const TASKS = Number(option('tasks') ?? 10_000);
const REPORTS = Number(option('reports') ?? Math.round(TASKS * 9.8));
const UNITS = Number(option('units') ?? 60);
const SECONDS = Number(option('seconds') ?? 10);
const PHASE_MS = SECONDS * 1000;
const SCHEDULER_WINDOW_MS = Math.max(15_000, PHASE_MS * 2);
const PASSWORD = 'luoshi-bench';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

interface DialectRun {
  dialect: 'sqlite' | 'postgres';
  generateSeconds: number;
  floorWrite: LoadResult;
  floorRead: LoadResult;
  create: LoadResult;
  submit: LoadResult;
  ledger1: LoadResult;
  ledger10: LoadResult;
  inboxLiaison1: LoadResult;
  inboxLiaison10: LoadResult;
  inboxSupervisor1: LoadResult;
  inboxSupervisor10: LoadResult;
  taskPage: LoadResult;
  startToHealthMs: number | null;
  startToHealthSchedulerMs: number | null;
  eventLoopP99Ms: number | null;
  healthDuringJobs: { p99: number; max: number; answered: number; sent: number };
  rssMb: number | null;
  peakMb: number | null;
}

// ---------------------------------------------------------------------------------------------------------------

async function floor(kind: 'sqlite' | 'postgres', target: string): Promise<{ write: LoadResult; read: LoadResult }> {
  log(`floor (${kind}): preparing 1,000,000 rows`);
  const f = await spawnUntil(process.execPath, [FLOOR, kind, target], process.env, /floor listening on (\d+)/, 300_000);
  try {
    const base = `http://127.0.0.1:${f.match[1]}`;
    await load({ base, connections: 10, durationMs: 2000, next: () => ({ method: 'POST', path: '/write' }) });
    const write = await load({ base, connections: 10, durationMs: PHASE_MS, next: () => ({ method: 'POST', path: '/write' }) });
    const read = await load({ base, connections: 10, durationMs: PHASE_MS, next: () => ({ method: 'GET', path: '/read' }) });
    return { write, read };
  } finally {
    await stop(f.child);
  }
}

interface Serving {
  base: string;
  child: import('node:child_process').ChildProcess;
  startToHealthMs: number | null;
}

/** Starts `bin/luoshi serve` and times spawn → first 200 from /api/health. */
async function serve(env: NodeJS.ProcessEnv, scheduler: boolean): Promise<Serving> {
  const started = performance.now();
  const s = await spawnUntil(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    ...env, LUOSHI_SCHEDULER: scheduler ? 'true' : 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production',
  }, /serving on http:\/\/localhost:(\d+)/, 600_000);
  const base = `http://127.0.0.1:${s.match[1]}`;
  const agent = new http.Agent({ keepAlive: false });
  let startToHealthMs: number | null = null;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    try {
      const a = await send(base, agent, { method: 'GET', path: '/api/health' });
      if (a.status === 200) {
        startToHealthMs = performance.now() - started;
        break;
      }
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { base, child: s.child, startToHealthMs };
}

async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const agent = new http.Agent({ keepAlive: false });
  const a = await new Promise<{ status: number; body: string; cookie: string }>((resolveAnswer, reject) => {
    const payload = JSON.stringify({ username, password: PASSWORD });
    const req = http.request(`${base}/api/v1/session`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const set = res.headers['set-cookie']?.find((c) => c.startsWith('luoshi_session=')) ?? '';
        resolveAnswer({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cookie: set.split(';')[0] ?? '' });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
  if (a.status !== 200) throw new Error(`sign-in of ${username} failed: ${a.status} ${a.body}`);
  return { cookie: a.cookie, 'x-csrf-token': (JSON.parse(a.body) as { csrfToken: string }).csrfToken };
}

/** Periods each liaison's unit could still start a report for (tasks it leads, periods without one), oldest task first. */
async function reportSlots(database: Database, usernames: string[]): Promise<Array<Array<{ taskId: string; periodKey: string }>>> {
  const today = toLocalDate(new Date(), DEFAULT_TZ);
  const out: Array<Array<{ taskId: string; periodKey: string }>> = [];
  for (const username of usernames) {
    const user = await database.db.selectFrom('users').select('unit_id').where('username', '=', username).executeTakeFirstOrThrow();
    const tasks = await database.db
      .selectFrom('tasks')
      .select(['id', 'cadence_json', 'start_date', 'due_date'])
      .where('lead_unit_id', '=', user.unit_id)
      .where('state', 'in', ['signed', 'in_progress'])
      .where('depth', '>', 0)
      .orderBy('id')
      .limit(5000)
      .execute();
    const have = new Set(
      (await database.db.selectFrom('reports').select(['task_id', 'period_key']).where('unit_id', '=', user.unit_id).execute()).map((r) => `${r.task_id} ${r.period_key}`),
    );
    const slots: Array<{ taskId: string; periodKey: string }> = [];
    for (const t of tasks) {
      if (!t.cadence_json || !t.start_date) continue;
      for (const p of expectedPeriods(JSON.parse(t.cadence_json) as Cadence, t.start_date, today, DEFAULT_TZ, t.due_date)) {
        if (!have.has(`${t.id} ${p.key}`)) slots.push({ taskId: t.id, periodKey: p.key });
      }
    }
    out.push(slots);
  }
  return out;
}

async function scrapeLagP99(base: string): Promise<number | null> {
  const a = await send(base, new http.Agent({ keepAlive: false }), { method: 'GET', path: '/metrics' });
  const m = /^nodejs_eventloop_lag_p99_seconds\s+([\d.e+-]+)/m.exec(a.body);
  return m ? Number(m[1]) * 1000 : null;
}

async function runDialect(dialect: 'sqlite' | 'postgres', pgAdmin: string | null): Promise<DialectRun> {
  const dir = mkdtempSync(join(tmpdir(), `luoshi-bench-${dialect}-`));
  const dbName = `luoshi_bench_${process.pid}`;
  const floorDb = `luoshi_floor_${process.pid}`;
  let env: NodeJS.ProcessEnv;
  const { DATABASE_URL: _ignored, ...base } = process.env;
  let floorTarget = join(dir, 'floor.db');
  let admin: pg.Client | null = null;
  if (dialect === 'postgres') {
    admin = new pg.Client({ connectionString: pgAdmin! });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName}`);
    await admin.query(`drop database if exists ${floorDb}`);
    await admin.query(`create database ${dbName}`);
    await admin.query(`create database ${floorDb}`);
    const u = new URL(pgAdmin!);
    u.pathname = `/${dbName}`;
    env = { ...base, LUOSHI_DATA_DIR: dir, DATABASE_URL: u.toString() };
    u.pathname = `/${floorDb}`;
    floorTarget = u.toString();
  } else {
    env = { ...base, LUOSHI_DATA_DIR: dir };
  }
  try {
    const { write: floorWrite, read: floorRead } = await floor(dialect, floorTarget);
    log(`${dialect}: floor write ${floorWrite.rps.toFixed(0)} req/s p99 ${floorWrite.p99.toFixed(1)} ms; read ${floorRead.rps.toFixed(0)} req/s`);

    log(`${dialect}: generating ${UNITS} units, ${TASKS} tasks, ${REPORTS} reports`);
    const g0 = performance.now();
    const gen = spawnSync(process.execPath, [BIN, 'generate', '--units', String(UNITS), '--tasks', String(TASKS), '--reports', String(REPORTS), '--seed', '1'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 3_600_000 });
    if (gen.status !== 0) throw new Error(`generate failed: ${gen.stdout}`);
    const generateSeconds = (performance.now() - g0) / 1000;
    log(`${dialect}: ${gen.stdout.trim().split('\n')[0]}`);

    // Request numbers with the scheduler off: its jobs are measured on their own below.
    const s = await serve(env, false);
    let run: Omit<DialectRun, 'startToHealthSchedulerMs' | 'eventLoopP99Ms' | 'healthDuringJobs' | 'rssMb' | 'peakMb'>;
    try {
      const liaisons = Array.from({ length: 10 }, (_, i) => `gen.l${String(i + 1).padStart(4, '0')}.1`);
      const sessions = await Promise.all(liaisons.map((u) => signIn(s.base, u)));
      const supervisor = await signIn(s.base, 'gen.supervisor1');
      const database = await openDatabase(dialect === 'postgres' ? { kind: 'postgres', url: env.DATABASE_URL!, max: 2 } : { kind: 'sqlite', file: join(dir, 'luoshi.db') });
      let slots: Array<Array<{ taskId: string; periodKey: string }>>;
      let taskIds: string[];
      try {
        slots = await reportSlots(database, liaisons);
        taskIds = (await database.db.selectFrom('tasks').select('id').where('depth', '>', 0).orderBy('id').limit(20_000).execute()).map((r) => r.id);
      } finally {
        await database.close();
      }
      log(`${dialect}: ${slots.map((x) => x.length).reduce((a, b) => a + b, 0)} report slots for 10 liaisons; start → health ${s.startToHealthMs?.toFixed(0)} ms`);

      const created: Array<Array<{ id: string; version: number }>> = sessions.map(() => []);
      const create = await load({
        base: s.base, connections: 10, durationMs: PHASE_MS,
        next: (c, i) => {
          const slot = slots[c]![i];
          return slot ? { method: 'POST', path: `/api/v1/tasks/${slot.taskId}/reports`, headers: sessions[c]!, body: { periodKey: slot.periodKey, progress: 40, text: '本期按计划推进，完成阶段性目标。' } } : null;
        },
        onAnswer: (c, _r, a) => {
          if (a.status >= 200 && a.status < 300) {
            const body = JSON.parse(a.body) as { id: string; version: number };
            created[c]!.push({ id: body.id, version: body.version });
          }
        },
      });
      log(`${dialect}: create ${create.rps.toFixed(0)} req/s p99 ${create.p99.toFixed(1)} ms (${create.errors} errors) ${create.samples.join(' | ')}`);
      const submit = await load({
        base: s.base, connections: 10, durationMs: PHASE_MS,
        next: (c, i) => {
          const r = created[c]![i];
          return r ? { method: 'POST', path: `/api/v1/reports/${r.id}/submit`, headers: sessions[c]!, body: { version: r.version } } : null;
        },
      });
      log(`${dialect}: submit ${submit.rps.toFixed(0)} req/s p99 ${submit.p99.toFixed(1)} ms (${submit.errors} errors) ${submit.samples.join(' | ')}`);

      const ledgerReq: LoadRequest = { method: 'GET', path: '/api/v1/tasks?limit=50', headers: supervisor };
      const ledger1 = await load({ base: s.base, connections: 1, durationMs: PHASE_MS / 2, next: () => ledgerReq });
      const ledger10 = await load({ base: s.base, connections: 10, durationMs: PHASE_MS / 2, next: () => ledgerReq });
      const inboxL = (c: number): LoadRequest => ({ method: 'GET', path: '/api/v1/inbox', headers: sessions[c % 10]! });
      // One connection: the busiest unit's liaison. Ten: the liaisons of the ten busiest units at once.
      const inboxLiaison1 = await load({ base: s.base, connections: 1, durationMs: PHASE_MS / 2, next: () => inboxL(0) });
      const inboxLiaison10 = await load({ base: s.base, connections: 10, durationMs: PHASE_MS / 2, next: (c) => inboxL(c) });
      const inboxS: LoadRequest = { method: 'GET', path: '/api/v1/inbox', headers: supervisor };
      const inboxSupervisor1 = await load({ base: s.base, connections: 1, durationMs: PHASE_MS / 2, next: () => inboxS });
      const inboxSupervisor10 = await load({ base: s.base, connections: 10, durationMs: PHASE_MS / 2, next: () => inboxS });
      let k = 0;
      const taskPage = await load({ base: s.base, connections: 1, durationMs: PHASE_MS / 2, next: () => ({ method: 'GET', path: `/api/v1/tasks/${taskIds[(k++ * 7919) % taskIds.length]}`, headers: supervisor }) });
      for (const [name, r] of Object.entries({ ledger1, ledger10, inboxLiaison1, inboxLiaison10, inboxSupervisor1, inboxSupervisor10, taskPage })) {
        log(`${dialect}: ${name} p95 ${r.p95.toFixed(1)} ms (${r.requests} ok, ${r.errors} errors) ${r.samples.join(' | ')}`);
      }
      run = { dialect, generateSeconds, floorWrite, floorRead, create, submit, ledger1, ledger10, inboxLiaison1, inboxLiaison10, inboxSupervisor1, inboxSupervisor10, taskPage, startToHealthMs: s.startToHealthMs };
    } finally {
      await stop(s.child);
    }

    // A start with the scheduler on: how soon it answers, and whether it keeps answering while the jobs run.
    log(`${dialect}: starting with the scheduler on, watching for ${SCHEDULER_WINDOW_MS / 1000} s`);
    const js = await serve(env, true);
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      await scrapeLagP99(js.base).catch(() => null);
      const latencies: number[] = [];
      let sent = 0;
      const end = performance.now() + SCHEDULER_WINDOW_MS;
      while (performance.now() < end) {
        sent += 1;
        const a = await Promise.race([
          send(js.base, agent, { method: 'GET', path: '/api/health' }).catch(() => null),
          new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, end - performance.now()))),
        ]);
        if (a && a.status === 200) latencies.push(a.ms);
        await new Promise((r) => setTimeout(r, 25));
      }
      latencies.sort((a, b) => a - b);
      const lag = await scrapeLagP99(js.base).catch(() => null);
      const mem = await memoryOf(js.child.pid!);
      const result: DialectRun = {
        ...run,
        startToHealthSchedulerMs: js.startToHealthMs,
        eventLoopP99Ms: lag,
        healthDuringJobs: { p99: percentile(latencies, 0.99), max: latencies[latencies.length - 1] ?? NaN, answered: latencies.length, sent },
        rssMb: mem?.rssMb ?? null,
        peakMb: mem?.peakMb ?? null,
      };
      log(`${dialect}: with jobs: start → health ${js.startToHealthMs?.toFixed(0)} ms, loop p99 ${lag?.toFixed(1)} ms, health p99 ${result.healthDuringJobs.p99.toFixed(1)} ms (${latencies.length}/${sent}), RSS ${mem?.rssMb.toFixed(0)} MB (peak ${mem?.peakMb.toFixed(0)})`);
      return result;
    } finally {
      await stop(js.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
      await admin.query(`drop database if exists ${floorDb} with (force)`).catch(() => undefined);
      await admin.end();
    }
  }
}

interface HelpTiming {
  medianMs: number;
  rssMb: number | null;
  /** The floor: `node -e 0`, measured alternately with it. */
  bareMs: number;
}

/** `bin/luoshi --help` against bare Node's start, alternating so both see the same machine load. */
function helpStart(): HelpTiming {
  const times: number[] = [];
  const bare: number[] = [];
  let rss: number | null = null;
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, '--help'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    const kb = Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1]);
    if (Number.isFinite(kb)) rss = kb / 1024;
    t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  return { medianMs: times[3]!, rssMb: rss, bareMs: bare[3]! };
}

async function postgresAdminUrl(): Promise<string | null> {
  const url = process.env.LUOSHI_BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return url;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const f0 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(0));
const f1 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(1));
const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(0)} %` : '—');
const verdict = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : '**not met**');

function table(runs: DialectRun[], help: HelpTiming): string {
  const head = `| measure | goal | ${runs.map((r) => r.dialect).join(' | ')} |\n|---|---|${runs.map(() => '---|').join('')}`;
  const rows: string[] = [];
  const row = (name: string, goal: string, cell: (r: DialectRun) => string) => rows.push(`| ${name} | ${goal} | ${runs.map(cell).join(' | ')} |`);
  const floorShare = (r: DialectRun) => (r.dialect === 'sqlite' ? 0.5 : 0.25);
  row('floor: INSERT into 1M rows, 10 conn', '—', (r) => `${f0(r.floorWrite.rps)} req/s, p99 ${f1(r.floorWrite.p99)} ms`);
  row('floor: bare GET, 10 conn', '—', (r) => `${f0(r.floorRead.rps)} req/s, p99 ${f1(r.floorRead.p99)} ms`);
  for (const [name, key] of [['report create, 10 conn', 'create'], ['report submit, 10 conn', 'submit']] as const) {
    row(name, '≥ 50 % of floor (PG ≥ 25 %), p99 ≤ 25 ms', (r) => {
      const x = r[key];
      const ok = x.rps >= floorShare(r) * r.floorWrite.rps && x.p99 <= 25;
      return `${f0(x.rps)} req/s = ${pct(x.rps, r.floorWrite.rps)} of floor, p99 ${f1(x.p99)} ms${x.errors ? `, ${x.errors} errors` : ''} — ${verdict(ok)}`;
    });
  }
  for (const [name, one, ten] of [
    ['ledger page (50 rows)', 'ledger1', 'ledger10'],
    ['inbox, liaison of the busiest units', 'inboxLiaison1', 'inboxLiaison10'],
    ['inbox, supervisor', 'inboxSupervisor1', 'inboxSupervisor10'],
  ] as const) {
    row(`${name}, p95 at 1 / 10 conn`, '≤ 50 / ≤ 150 ms', (r) => `${f1(r[one].p95)} / ${f1(r[ten].p95)} ms — ${verdict(r[one].p95 <= 50 && r[ten].p95 <= 150)}`);
  }
  row('task page, p95', '≤ 20 ms', (r) => `${f1(r.taskPage.p95)} ms — ${verdict(r.taskPage.p95 <= 20)}`);
  row('start → first /api/health (scheduler off / on)', '≤ 1.5 s', (r) => `${f0(r.startToHealthMs)} / ${f0(r.startToHealthSchedulerMs)} ms — ${verdict(r.startToHealthSchedulerMs !== null && r.startToHealthSchedulerMs <= 1500 && (r.startToHealthMs ?? Infinity) <= 1500)}`);
  row(`event-loop delay p99 while the scheduler runs (first ${SCHEDULER_WINDOW_MS / 1000} s)`, '≤ 50 ms', (r) => `${f1(r.eventLoopP99Ms)} ms; /api/health p99 ${f1(r.healthDuringJobs.p99)} ms, max ${f0(r.healthDuringJobs.max)} ms, ${r.healthDuringJobs.answered}/${r.healthDuringJobs.sent} answered — ${verdict(r.eventLoopP99Ms === null ? null : r.eventLoopP99Ms <= 50)}`);
  row('server RSS (peak)', '≤ 300 MB', (r) => `${f0(r.rssMb)} MB (${f0(r.peakMb)}) — ${verdict(r.peakMb === null ? null : r.peakMb <= 300)}`);
  row('generate the dataset', '“minutes”', (r) => `${f0(r.generateSeconds)} s`);
  rows.push(`| \`bin/luoshi --help\` (floor: \`node -e 0\`) | ≤ 0.5 s | ${runs.map(() => `${f0(help.medianMs)} ms (floor ${f0(help.bareMs)} ms), ${f0(help.rssMb)} MB — ${verdict(help.medianMs <= 500)}`).join(' | ')} |`);
  return `${head}\n${rows.join('\n')}`;
}

export default async function run(): Promise<BenchResult[]> {
  const startLoad = loadavg()[0]!;
  log('building dist/node');
  await buildNode();
  const help = helpStart();
  log(`--help: ${help.medianMs.toFixed(0)} ms (bare node ${help.bareMs.toFixed(0)} ms), ${help.rssMb?.toFixed(0)} MB`);
  const runs: DialectRun[] = [await runDialect('sqlite', null)];
  const pgUrl = flag('sqlite-only') ? null : await postgresAdminUrl();
  if (pgUrl) runs.push(await runDialect('postgres', pgUrl));
  else log('PostgreSQL: not measured (none answers, or --sqlite-only)');
  const endLoad = loadavg()[0]!;

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version.slice(1)}`;
  const section =
    `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — the server at ${TASKS.toLocaleString('en')} tasks against its floor (\`bench/server.bench.ts\`)\n\n` +
    `${machine}; load average ${startLoad.toFixed(1)} at the start, ${endLoad.toFixed(1)} at the end (other work on the machine makes every number pessimistic). ` +
    `Dataset: \`luoshi generate --units ${UNITS} --tasks ${TASKS} --reports ${REPORTS} --seed 1\`. Load phases of ${SECONDS} s; the floor is measured in the same run.\n\n` +
    `${table(runs, help)}\n`;
  process.stdout.write(section);
  if (!flag('no-write')) {
    appendFileSync(join(REPO, 'docs/benchmarks.md'), section);
    log('appended to docs/benchmarks.md');
  }
  return runs.flatMap((r): BenchResult[] => [
    { name: `${r.dialect} report create (10 conn)`, medianMs: r.create.p50, p95Ms: r.create.p95, runs: r.create.requests, extra: { rps: r.create.rps.toFixed(0), p99: r.create.p99.toFixed(1), floorRps: r.floorWrite.rps.toFixed(0) } },
    { name: `${r.dialect} report submit (10 conn)`, medianMs: r.submit.p50, p95Ms: r.submit.p95, runs: r.submit.requests, extra: { rps: r.submit.rps.toFixed(0), p99: r.submit.p99.toFixed(1) } },
    { name: `${r.dialect} ledger (1 conn)`, medianMs: r.ledger1.p50, p95Ms: r.ledger1.p95, runs: r.ledger1.requests },
    { name: `${r.dialect} task page (1 conn)`, medianMs: r.taskPage.p50, p95Ms: r.taskPage.p95, runs: r.taskPage.requests },
  ]);
}
